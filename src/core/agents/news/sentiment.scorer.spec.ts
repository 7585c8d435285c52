import fc from 'fast-check';
import { compileLexicon, FINANCE_LEXICON, FINANCE_LEXICON_SOURCE } from './lexicon.compiler';
import { DEFAULT_SCORER_SETTINGS, scoreSentiment } from './sentiment.scorer';

const label = (text: string) => scoreSentiment(text).label;

describe('scoreSentiment', () => {
  it('reads evaluative finance words on their own', () => {
    expect(label('The company filed for bankruptcy.')).toBe('negative');
    expect(label('Analysts upgrade the stock after a strong quarter.')).toBe('positive');
    expect(scoreSentiment('Shareholders sued the company.').hits).toEqual(['-sued']);
  });

  it('attaches a direction to the financial quantity next to it', () => {
    expect(scoreSentiment('Operating profit rose to EUR 13.1 mn from EUR 8.7 mn.').hits).toEqual(['+profit rose']);
    expect(scoreSentiment('Net sales increased by 5.2 % to EUR 205.5 mn.').label).toBe('positive');
    expect(scoreSentiment('Operating profit fell to EUR 35.4 mn.').hits).toEqual(['-profit fell']);
    expect(scoreSentiment('An increase in sales was reported.').hits).toEqual(['+increase sales']);
  });

  it('inverts the direction for cost, expense, loss and debt quantities', () => {
    expect(scoreSentiment('Costs rose 12 % in the quarter.').hits).toEqual(['-costs rose']);
    expect(label('Operating expenses decreased.')).toBe('positive');
    expect(scoreSentiment('The net loss narrowed to EUR 2 mn.').hits).toEqual(['+loss narrowed']);
    expect(label('The pre-tax loss widened.')).toBe('negative');
    expect(label('Net debt was reduced.')).toBe('positive');
    expect(label('The company cut costs.')).toBe('positive');
    expect(label('The company cut 200 jobs.')).toBe('negative');
    expect(label('Higher costs weighed on the year.')).toBe('negative');
  });

  it('lets a later direction take an earlier directional noun as its quantity', () => {
    expect(scoreSentiment('Sales growth slowed.').hits).toEqual(['-growth slowed']);
  });

  it('flips polarity after a negator within a short window', () => {
    expect(scoreSentiment('Profit did not rise.').label).toBe('negative');
    expect(scoreSentiment("Sales didn't increase this year").label).toBe('negative');
    expect(scoreSentiment('The results were never disappointing').label).toBe('positive');
    expect(scoreSentiment('The deal closed without losses').label).toBe('positive');
    expect(scoreSentiment('No growth is expected').label).toBe('negative');
  });

  it('does not carry negation past a comma or beyond its window', () => {
    expect(scoreSentiment('Not surprisingly, profit rose').label).toBe('positive');
    expect(scoreSentiment('Nobody said no to the merger plan and the company reported strong growth').label).toBe('positive');
  });

  it('cancels a double negation', () => {
    expect(scoreSentiment('The plan is not without risks').label).toBe('negative');
  });

  it('scales a term by a neighbouring intensifier or diminisher', () => {
    const plain = scoreSentiment('Revenue increased').score;
    expect(scoreSentiment('Revenue increased significantly').score).toBeGreaterThan(plain);
    expect(scoreSentiment('Revenue increased slightly').score).toBeLessThan(plain);
    expect(scoreSentiment('Revenue increased slightly').score).toBeGreaterThan(0);
  });

  it('reverses a quantity named as the earlier state after a comparison marker', () => {
    expect(scoreSentiment('Operating profit was EUR 3 mn compared with a loss of EUR 1 mn').label).toBe('positive');
  });

  it('keeps purely factual sentences neutral', () => {
    for (const text of [
      'The company will hold its annual general meeting in Helsinki on 5 May 2010.',
      'Net sales totalled EUR 54.5 mn in the first quarter.',
      'The acquisition will be financed with cash and the deal is expected to close in March.',
      'The company has offices in Finland , Sweden and Russia .',
      'He set up the subsidiary with up to 40 employees.',
    ]) {
      expect({ text, ...scoreSentiment(text) }).toEqual({ text, score: 0, label: 'neutral', hits: [] });
    }
  });

  it('reads lower-case tweets with cashtags, hashtags and emoji', () => {
    expect(label('$aapl #earnings beat!!! 🚀🚀 to the moon')).toBe('positive');
    expect(label('$tsla dumping hard, loaded up on puts 📉')).toBe('negative');
    expect(label('$ba $265 🤔🤔')).toBe('neutral');
  });

  it('gives the same result for the same text', () => {
    const text = 'Sales rose but costs rose faster and the outlook was cut.';
    expect(scoreSentiment(text)).toEqual(scoreSentiment(text));
  });

  it('keeps the score in [-1, 1] and the label consistent with the neutral band for any text', () => {
    const words = ['profit', 'rose', 'fell', 'costs', 'not', 'loss', 'very', 'strong', 'bankruptcy', 'growth', ',', '.', '$x', '12', 'the', '🚀'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), fc.string(), (ws, noise) => {
        const r = scoreSentiment(`${ws.join(' ')} ${noise}`);
        expect(r.score).toBeGreaterThanOrEqual(-1);
        expect(r.score).toBeLessThanOrEqual(1);
        const band = DEFAULT_SCORER_SETTINGS.neutralBand;
        expect(r.label).toBe(r.score >= band ? 'positive' : r.score <= -band ? 'negative' : 'neutral');
      }),
    );
  });

  it('compiles each term once into a map, merging roles of a term listed twice', () => {
    const growth = FINANCE_LEXICON.words.get('growth')!;
    expect(growth.polarity).toBeGreaterThan(0);
    expect(growth.direction).toBeGreaterThan(0);
    expect(growth.object).toBe(1);
    expect(FINANCE_LEXICON.words.get('costs')!.object).toBe(-1);
    expect(compileLexicon(FINANCE_LEXICON_SOURCE).words.size).toBe(FINANCE_LEXICON.words.size);
  });
});
