import { NewsItem } from '../../market/news';
import { itemText } from './item-text.cache';
import { STOP_TOKEN, tokenize } from './text.tokenizer';

function item(id: string, headline: string, body?: string): NewsItem {
  return { id, time: 0, symbol: 'AAPL', headline, ...(body === undefined ? {} : { body }) } as NewsItem;
}

describe('itemText', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['headline and body', "Apple's profit didn't fall: EPS $1.25, up 5%", 'Revenue rose; margins, however, shrank.'],
    ['headline only', 'Shares of $AAPL jump after the beat', undefined],
    ['empty body', 'Apple cuts guidance', ''],
    ['body without tokens', 'Apple guides higher', '— … !!!'],
    ['no tokens at all', '… —', undefined],
  ];

  it.each(cases)('gives the same tokens from the cache as when first read (%s)', (name, headline, body) => {
    const first = itemText(item(`cache ${name}`, headline, body));
    const headlineTokens = tokenize(headline);
    const bodyTokens = body ? tokenize(body) : [];
    const all = bodyTokens.length > 0 ? [...headlineTokens, STOP_TOKEN, ...bodyTokens] : headlineTokens;
    expect(first).toEqual({ headlineTokens, bodyTokens, all, sentiment: expect.any(Number) });
    const again = itemText(item(`cache ${name}`, headline, body));
    expect(again).toEqual(first);
  });

  it('reads an id given other text afresh', () => {
    const a = itemText(item('reused id', 'Apple beats estimates'));
    const b = itemText(item('reused id', 'Apple misses estimates badly'));
    expect(a.all).toEqual(tokenize('Apple beats estimates'));
    expect(b.all).toEqual(tokenize('Apple misses estimates badly'));
    expect(b.sentiment).not.toBe(a.sentiment);
  });
});
