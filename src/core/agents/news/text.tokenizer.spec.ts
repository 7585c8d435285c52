import { COMMA_TOKEN, NUM_TOKEN, STOP_TOKEN, tokenize } from './text.tokenizer';

describe('tokenize', () => {
  it('lower-cases words and keeps clause punctuation as one stop token per run', () => {
    expect(tokenize('Profit ROSE... Sales fell!?')).toEqual(['profit', 'rose', STOP_TOKEN, 'sales', 'fell', STOP_TOKEN]);
  });

  it('turns numbers, amounts and codes into one number token', () => {
    expect(tokenize('EUR 13.1 mn, up 3,200.50 or eur131m in Q1')).toEqual(['eur', NUM_TOKEN, 'mn', COMMA_TOKEN, 'up', NUM_TOKEN, 'or', NUM_TOKEN, 'in', NUM_TOKEN]);
  });

  it('keeps cashtags, strips hashtags and drops emoji', () => {
    expect(tokenize('$AAPL #earnings beat 🚀🚀 $265 $TSLA\'s')).toEqual(['$aapl', 'earnings', 'beat', NUM_TOKEN, '$tsla']);
  });

  it("splits n't off contractions with straight or curly apostrophes and drops other clitics", () => {
    expect(tokenize("didn't haven’t company's it'll")).toEqual(['did', "n't", 'have', "n't", 'company', 'it']);
  });

  it('splits hyphenated words and ignores brackets and quotes', () => {
    expect(tokenize('better-than-expected ("pre-tax")')).toEqual(['better', 'than', 'expected', 'pre', 'tax']);
  });

  it('keeps accented letters inside words', () => {
    expect(tokenize('Nestlé Wärtsilä')).toEqual(['nestlé', 'wärtsilä']);
  });

  it('gives no tokens for an empty or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' 📉 -- ** ')).toEqual([]);
  });
});
