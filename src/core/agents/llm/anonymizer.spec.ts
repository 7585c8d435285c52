import { anonymizationFor, Anonymizer, PLAIN } from './anonymizer';

const DAY = 86_400_000;

describe('the contamination guard', () => {
  const a = anonymizationFor('AAPL', ['apple', 'Apple Inc'], 75.5, 0);
  const anon = new Anonymizer(a);

  it('moves dates by whole weeks, 30 to 49 years ahead, and scales the first close to 100', () => {
    expect(a.dayOffset % 7).toBe(0);
    expect(a.dayOffset / 364).toBeGreaterThanOrEqual(30);
    expect(a.dayOffset / 364).toBeLessThan(50);
    expect(anon.price(75.5)).toBeCloseTo(100, 3);
    const t = Date.UTC(2014, 5, 9);
    expect(new Date(t + a.dayOffset * DAY).getUTCDay()).toBe(new Date(t).getUTCDay());
  });

  it('hides the ticker, cashtags, hashtags and every alias, whatever their case', () => {
    const text = anon.text('$AAPL and #aapl: Apple Inc beat; apple up, AAPL\'s iPhone. Pineapple and AAPLX stay.');
    expect(text).not.toMatch(/aapl(?![x])|apple inc|\bapple\b/i);
    expect(text).toContain('ASSET');
    expect(text).toContain('Pineapple');
    expect(text).toContain('AAPLX');
  });

  it('moves ISO dates and years in text once, and rescales dollar prices', () => {
    const years = Math.round(a.dayOffset / 365.25);
    const text = anon.text('On 2014-06-09 (fiscal 2014, Q1-2015) it closed at $75.50.');
    expect(text).not.toMatch(/2014|2015/);
    expect(text).toContain(`fiscal ${2014 + years}`);
    expect(text).toContain('$100.00');
    const shifted = /(\d{4}-\d{2}-\d{2})/.exec(text)![1];
    expect(Date.parse(`${shifted}T00:00:00Z`) - Date.UTC(2014, 5, 9)).toBe(a.dayOffset * DAY);
  });

  it('reads a model\'s text back in real terms', () => {
    const day = anon.day(Date.UTC(2014, 5, 9));
    expect(anon.reveal(`ASSET fell after ${day}.`, 'AAPL')).toBe('AAPL fell after 2014-06-09.');
  });

  it('leaves everything as it is when the run is not anonymized', () => {
    expect(PLAIN.text('$AAPL on 2014-06-09')).toBe('$AAPL on 2014-06-09');
    expect(PLAIN.symbol('AAPL')).toBe('AAPL');
    expect(PLAIN.day(Date.UTC(2014, 5, 9))).toBe('2014-06-09');
  });
});
