import type { marketData } from '@alpacahq/alpaca-trade-api';
import { BarRow } from '../../../core/market/bar-series';
import { DAY_MS } from '../../../core/market/dates';
import { NewsItem } from '../../../core/market/news';
import { MarketFeed } from '../../../core/ports/market-feed.port';
import { alpacaSdk } from '../alpaca-sdk';
import { AlpacaSettings } from '../alpaca-settings';
import { exchangeDay } from './exchange-day';
import { FeedError } from './feed-error';

const WARM_UP_DAYS = 730;
const EXCHANGE_ZONE = 'America/New_York';

/**
 * `alpaca`: daily bars from Alpaca's market-data API (`/v2/stocks/bars`, `timeframe=1Day`,
 * unadjusted, the `iex` feed unless `APCA_DATA_FEED=sip`) through the official client,
 * `@alpacahq/alpaca-trade-api`. A bar's date is its timestamp's day in New York. No news.
 */
export class AlpacaFeed implements MarketFeed {
  readonly live = true;
  readonly name = 'alpaca';
  readonly newsNote = 'the alpaca feed has no news: the news agent reports no_data on every bar';
  private readonly stocks: InstanceType<typeof marketData.StockApi>;

  constructor(
    private readonly settings: AlpacaSettings,
    private readonly now: () => number,
  ) {
    const { marketData } = alpacaSdk();
    this.stocks = new marketData.StockApi(new marketData.Configuration({ keyId: settings.keyId, secret: settings.secret, basePath: settings.dataUrl }));
  }

  history(symbol: string, signal?: AbortSignal): Promise<BarRow[]> {
    return this.bars(symbol, this.now() - WARM_UP_DAYS * DAY_MS, signal);
  }

  async barsAfter(symbol: string, after: number, signal?: AbortSignal): Promise<BarRow[]> {
    const from = Number.isFinite(after) ? after + DAY_MS : this.now() - WARM_UP_DAYS * DAY_MS;
    return (await this.bars(symbol, from, signal)).filter((r) => r.time > after);
  }

  async lastBar(): Promise<number | null> {
    return null;
  }

  async news(): Promise<NewsItem[]> {
    return [];
  }

  private async bars(symbol: string, from: number, signal?: AbortSignal): Promise<BarRow[]> {
    const rows: BarRow[] = [];
    let pageToken: string | undefined;
    do {
      let answer: Awaited<ReturnType<typeof this.stocks.stockBars>>;
      try {
        answer = await this.stocks.stockBars(
          { symbols: symbol, timeframe: '1Day', start: new Date(from), adjustment: 'raw', feed: this.settings.dataFeed as never, limit: 10_000, ...(pageToken && { pageToken }) },
          signal ? { signal } : undefined,
        );
      } catch (e) {
        throw new FeedError(await describe(e));
      }
      // The client hands the bars over as the JSON has them: `t` an RFC 3339 string.
      const bars = (answer.bars?.[symbol] ?? []) as Array<{ t: string | Date; o: number; h: number; l: number; c: number; v?: number }>;
      for (const b of bars) {
        const t = b.t instanceof Date ? b.t.getTime() : Date.parse(String(b.t));
        if (Number.isNaN(t)) throw new FeedError(`malformed answer: a bar of ${symbol} has no time`);
        rows.push({ time: exchangeDay(t, EXCHANGE_ZONE), open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v ?? 0 });
      }
      pageToken = answer.nextPageToken ?? undefined;
    } while (pageToken);
    return rows;
  }
}

/** What went wrong with a request through the Alpaca client, in one line. */
export async function describe(e: unknown): Promise<string> {
  const response = (e as { response?: Response }).response;
  if (response && typeof response.status === 'number') {
    const text = await response.clone().text().catch(() => '');
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: the text as it is
    }
    return `HTTP ${response.status}${message ? `: ${message.slice(0, 200)}` : ''}`;
  }
  return `unreachable: ${(e as Error).message}`;
}
