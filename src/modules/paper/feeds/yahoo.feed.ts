import { BarRow } from '../../../core/market/bar-series';
import { DAY_MS } from '../../../core/market/dates';
import { NewsItem } from '../../../core/market/news';
import { MarketFeed } from '../../../core/ports/market-feed.port';
import { exchangeDay } from './exchange-day';
import { FeedError } from './feed-error';

/** Yahoo's public chart endpoint; `TRADINGGROUP_YAHOO_BASE_URL` points elsewhere (a test server). */
export const YAHOO_BASE_URL = 'https://query1.finance.yahoo.com';
/** History read at the start of a session as its warm-up. */
const WARM_UP_DAYS = 730;

/**
 * `yahoo`: daily bars from Yahoo's public chart JSON endpoint (`/v8/finance/chart/<symbol>`,
 * `interval=1d`), a thin client of our own. Each bar's date is its timestamp's day in the
 * exchange's time zone (the answer's `exchangeTimezoneName`); prices are as traded (not adjusted
 * for later dividends, so bars already consumed never change). A day with a missing value is left
 * out. The endpoint gives today's bar while the session is open; the session uses it only after
 * the close. No news.
 */
export class YahooFeed implements MarketFeed {
  readonly live = true;
  readonly name = 'yahoo';
  readonly newsNote = 'the yahoo feed has no news: the news agent reports no_data on every bar';

  constructor(
    private readonly baseUrl: string,
    private readonly now: () => number,
    private readonly timeoutMs = 30_000,
  ) {}

  history(symbol: string, signal?: AbortSignal): Promise<BarRow[]> {
    return this.bars(symbol, this.now() - WARM_UP_DAYS * DAY_MS, signal);
  }

  barsAfter(symbol: string, after: number, signal?: AbortSignal): Promise<BarRow[]> {
    const from = Number.isFinite(after) ? after + DAY_MS : this.now() - WARM_UP_DAYS * DAY_MS;
    return this.bars(symbol, from, signal).then((rows) => rows.filter((r) => r.time > after));
  }

  async lastBar(): Promise<number | null> {
    return null;
  }

  async news(): Promise<NewsItem[]> {
    return [];
  }

  private async bars(symbol: string, from: number, signal?: AbortSignal): Promise<BarRow[]> {
    const period1 = Math.floor(from / 1000);
    const period2 = Math.floor(this.now() / 1000) + 86_400;
    const url = `${this.baseUrl.replace(/\/+$/, '')}/v8/finance/chart/${encodeURIComponent(symbol)}?period1=${period1}&period2=${period2}&interval=1d&events=div%2Csplits&includePrePost=false`;
    let res: Response;
    try {
      const timeout = AbortSignal.timeout(this.timeoutMs);
      res = await fetch(url, { headers: { accept: 'application/json', 'user-agent': 'Mozilla/5.0 (compatible; tradinggroup)' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (e) {
      throw new FeedError(`unreachable: ${(e as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    let body: YahooChart;
    try {
      body = JSON.parse(text) as YahooChart;
    } catch {
      throw new FeedError(`malformed answer (HTTP ${res.status}, not JSON)`);
    }
    const error = body?.chart?.error;
    if (!res.ok || error) throw new FeedError(`HTTP ${res.status}${error ? `: ${error.code ?? ''} ${error.description ?? ''}`.trimEnd() : ''}`);
    return parseChart(symbol, body);
  }
}

interface YahooChart {
  chart?: {
    result?: Array<{
      meta?: { symbol?: string; exchangeTimezoneName?: string };
      timestamp?: number[];
      indicators?: { quote?: Array<{ open?: Array<number | null>; high?: Array<number | null>; low?: Array<number | null>; close?: Array<number | null>; volume?: Array<number | null> }> };
    }> | null;
    error?: { code?: string; description?: string } | null;
  };
}

/** The daily bars of a chart answer, oldest first; a malformed answer is a FeedError saying what is wrong. */
export function parseChart(symbol: string, body: YahooChart): BarRow[] {
  const result = body.chart?.result?.[0];
  if (!result) throw new FeedError('malformed answer: no chart result');
  const zone = result.meta?.exchangeTimezoneName;
  if (typeof zone !== 'string') throw new FeedError('malformed answer: no exchangeTimezoneName');
  if (result.meta?.symbol !== undefined && result.meta.symbol.toUpperCase() !== symbol.toUpperCase()) {
    throw new FeedError(`malformed answer: it is about ${result.meta.symbol}, not ${symbol}`);
  }
  const times = result.timestamp ?? [];
  const q = result.indicators?.quote?.[0];
  if (times.length > 0 && !q) throw new FeedError('malformed answer: no quote');
  const rows: BarRow[] = [];
  for (let i = 0; i < times.length; i++) {
    const [open, high, low, close, volume] = [q!.open?.[i], q!.high?.[i], q!.low?.[i], q!.close?.[i], q!.volume?.[i]];
    if (open == null || high == null || low == null || close == null) continue;
    if (typeof times[i] !== 'number') throw new FeedError(`malformed answer: timestamp ${i} is not a number`);
    const time = exchangeDay(times[i] * 1000, zone);
    if (Number.isNaN(time)) throw new FeedError(`malformed answer: timestamp ${times[i]} is not a date`);
    const row = { time, open, high, low, close, volume: volume ?? 0 };
    // The same day twice (the live bar beside the day's historical one): the later one holds.
    if (rows.length > 0 && rows[rows.length - 1].time === time) rows[rows.length - 1] = row;
    else rows.push(row);
  }
  return rows;
}
