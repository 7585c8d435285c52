import { baseScore, compileKeywords, relevanceMatcher, relevanceScore } from './news-item.scorer';
import { tokenize } from './text.tokenizer';

const settings = { keywordSaturation: 3, lengthSaturation: 30, keywordShare: 0.7 };

describe('baseScore', () => {
  const keywords = compileKeywords();

  it('combines distinct keyword weights and length, each saturating at 1', () => {
    // earnings (1) + guidance (1), 4 words
    expect(baseScore(tokenize('Earnings and guidance, earnings'), keywords, settings)).toBeCloseTo(0.7 * (2 / 3) + 0.3 * (4 / 30), 12);
    const long = tokenize(`earnings guidance merger takeover ${'word '.repeat(40)}`);
    expect(baseScore(long, keywords, settings)).toBeCloseTo(1, 12);
    expect(baseScore([], keywords, settings)).toBe(0);
  });

  it('applies keyword overrides: new words count, weight 0 switches one off', () => {
    const custom = compileKeywords({ robotaxi: 1.5, earnings: 0 });
    expect(baseScore(tokenize('robotaxi'), custom, { ...settings, keywordShare: 1 })).toBeCloseTo(0.5, 12);
    expect(baseScore(tokenize('earnings'), custom, { ...settings, keywordShare: 1 })).toBe(0);
  });
});

describe('relevanceScore', () => {
  const apple = relevanceMatcher('AAPL', ['Apple Inc.']);
  const rel = (headline: string, body = '', filedUnder = 'AAPL') => relevanceScore(headline, tokenize(headline), body, tokenize(body), filedUnder, apple);

  it('is 1 when the headline names the ticker by cashtag, capitalised symbol or alias', () => {
    expect(rel('$aapl to the moon')).toBe(1);
    expect(rel('AAPL opens higher')).toBe(1);
    expect(rel('Apple unveils a new phone')).toBe(1);
  });

  it('does not take the symbol in lower case or inside another word as a mention', () => {
    expect(rel('aapl and XAAPL trade', '', 'MSFT')).toBe(0);
  });

  it('grows with body mentions from 0.5 up to 0.8', () => {
    expect(rel('Phones are selling', 'Apple said so.')).toBe(0.5);
    expect(rel('Phones are selling', 'Apple said so. AAPL rose. $AAPL too.')).toBeCloseTo(0.7, 12);
    expect(rel('Phones are selling', 'Apple Apple Apple Apple Apple Apple')).toBe(0.8);
  });

  it('is 0.25 for an item filed under the ticker that does not name it, 0 for another ticker', () => {
    expect(rel('Markets are calm')).toBe(0.25);
    expect(rel('Markets are calm', '', 'MSFT')).toBe(0);
  });

  it('is shared out over the other cashtags in the item', () => {
    expect(rel('$AAPL $MSFT $GOOG all up')).toBeCloseTo(1 / 2, 12);
  });

  it('drops corporate suffixes from aliases', () => {
    expect(relevanceMatcher('BA', ['The Boeing Company', 'Boeing Co.']).aliases).toEqual([['boeing']]);
  });
});
