import { byTimeThenId, NewsItem } from '../../src/core/market/news';
import { NewsInput } from '../../src/core/agents/news/news-sentiment.types';
import { DatedTweet } from './labelled-sets';

/** Company names of the StockEmotions tickers most tweets are about (relevance aliases). */
const ALIASES: Record<string, string[]> = {
  AAPL: ['Apple Inc.'],
  TSLA: ['Tesla Inc.'],
  AMZN: ['Amazon.com Inc.', 'Amazon'],
  BA: ['The Boeing Company'],
  MSFT: ['Microsoft Corporation'],
  FB: ['Facebook Inc.'],
  DIS: ['The Walt Disney Company', 'Disney'],
  NFLX: ['Netflix Inc.'],
  CCL: ['Carnival Corporation', 'Carnival'],
  BABA: ['Alibaba Group'],
};

/**
 * Sessions for the agent benchmark: the tweets of one ticker and day become the items of that
 * day's session (published at 12:00 UTC, decided at 21:00 UTC), one input per (ticker, day),
 * ordered by ticker then day, items by time then id. Every tweet appears twice (ids `<id>` and `<id>-rt`) with the second
 * copy one minute later, so de-duplication has work to do.
 */
export function tweetSessions(tweets: readonly DatedTweet[]): NewsInput[] {
  const byKey = new Map<string, DatedTweet[]>();
  for (const t of tweets) {
    const key = `${t.ticker} ${t.date}`;
    const list = byKey.get(key) ?? [];
    list.push(t);
    byKey.set(key, list);
  }
  return [...byKey.keys()].sort().map((key) => {
    const list = byKey.get(key)!;
    const { ticker, date } = list[0];
    const noon = Date.parse(`${date}T12:00:00Z`);
    const items: NewsItem[] = list.flatMap((t) => [
      { id: t.id, time: noon, symbol: ticker, headline: t.text },
      { id: `${t.id}-rt`, time: noon + 60_000, symbol: ticker, headline: t.text },
    ]);
    // In the order a news timeline hands them to the agent: by time, then id.
    items.sort(byTimeThenId);
    return { symbol: ticker, aliases: ALIASES[ticker] ?? [], time: Date.parse(`${date}T21:00:00Z`), items };
  });
}
