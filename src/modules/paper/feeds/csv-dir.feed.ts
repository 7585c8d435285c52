import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BarRow, BarSeries } from '../../../core/market/bar-series';
import { NewsItem } from '../../../core/market/news';
import { AdjustPolicy } from '../../../core/profiles';
import { MarketFeed } from '../../../core/ports/market-feed.port';
import { loadPriceFile } from '../../data/price-file.source';
import { FeedError } from './feed-error';

/**
 * `csv-dir:<folder>`: a user's own pipeline writes one CSV per symbol (`<folder>/<SYMBOL>.csv`,
 * any price layout `data import` reads) and appends a row per session; each tick reads the file
 * again and takes the rows after the newest one used. The rows present when the session starts
 * are its warm-up. A file that cannot be read or has a bad row fails the tick (the next tick
 * reads it again, e.g. once a half-written row is complete). Prices are used as written unless
 * the session asks for an adjustment. No news.
 */
export class CsvDirFeed implements MarketFeed {
  readonly live = true;
  readonly newsNote = 'the csv-dir feed has no news: the news agent reports no_data on every bar';

  constructor(
    private readonly dir: string,
    private readonly adjust: AdjustPolicy,
  ) {}

  get name(): string {
    return `csv-dir:${this.dir}`;
  }

  async history(symbol: string): Promise<BarRow[]> {
    return rowsOf(this.load(symbol));
  }

  async barsAfter(symbol: string, after: number): Promise<BarRow[]> {
    return rowsOf(this.load(symbol)).filter((r) => r.time > after);
  }

  async lastBar(): Promise<number | null> {
    return null;
  }

  async news(): Promise<NewsItem[]> {
    return [];
  }

  private load(symbol: string): BarSeries {
    const file = join(this.dir, `${symbol}.csv`);
    if (!existsSync(file)) throw new FeedError(`no file ${symbol}.csv in ${this.dir}`);
    try {
      return loadPriceFile(file, { symbol, adjust: this.adjust }).series;
    } catch (e) {
      throw new FeedError((e as Error).message.split('\n')[0]);
    }
  }
}

function rowsOf(s: BarSeries): BarRow[] {
  const rows: BarRow[] = [];
  for (let i = 0; i < s.length; i++) rows.push({ time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i] });
  return rows;
}
