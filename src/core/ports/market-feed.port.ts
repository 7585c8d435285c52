import type { BarRow } from '../market/bar-series';
import type { NewsItem } from '../market/news';

/**
 * Where a paper session gets its bars and news: stored data stepped through (a replay) or a live
 * source. The shells implement it; a failure (unreachable, malformed answer) is a rejection with
 * a message saying what went wrong, which the session records as a skipped tick.
 */
export interface MarketFeed {
  /** Human-readable name, e.g. `yahoo` or `replay:AAPL`. */
  readonly name: string;
  /** Live feeds hand over whatever has closed; a replay steps one bar per tick through history. */
  readonly live: boolean;
  /** The symbol's bars before the session's first bar: the strategy's warm-up history, oldest first. */
  history(symbol: string, signal?: AbortSignal): Promise<BarRow[]>;
  /** The symbol's bars after `after` (a bar date, epoch ms), oldest first; a replay hands over at most one. */
  barsAfter(symbol: string, after: number, signal?: AbortSignal): Promise<BarRow[]>;
  /** The date of the symbol's last bar when the feed has an end (a replay's `to`), else null. */
  lastBar(symbol: string): Promise<number | null>;
  /** News about the symbol published in (since, until] (epoch ms); feeds without news give none. */
  news(symbol: string, since: number, until: number, signal?: AbortSignal): Promise<NewsItem[]>;
  /** Feeds without news say so once, for the session's notes; null for feeds with news. */
  readonly newsNote: string | null;
}
