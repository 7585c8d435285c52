import { AdjustPolicy } from '../../../core/profiles';
import { BarRow, BarSeries, lowerBound } from '../../../core/market/bar-series';
import { DAY_MS } from '../../../core/market/dates';
import { NewsItem } from '../../../core/market/news';
import { MarketFeed } from '../../../core/ports/market-feed.port';
import { DataService } from '../../data/data.service';

/**
 * `replay` / `replay:<dataset>`: steps through imported bars, one per tick, from the session's
 * first day to its last (or the data's last). Bars before the first day are the warm-up. News
 * comes from the symbol's imported news (none if it has none). Prices are adjusted as a backtest
 * of the same data would adjust them.
 */
export class ReplayFeed implements MarketFeed {
  readonly live = false;
  private readonly series = new Map<string, BarSeries>();

  constructor(
    private readonly data: DataService,
    readonly name: string,
    /** The dataset to read for a symbol (`replay:X` reads X; `replay` the symbol's own). */
    private readonly datasetOf: (symbol: string) => string,
    private readonly from: number,
    private readonly to: number | null,
    private readonly adjust: AdjustPolicy | undefined,
  ) {}

  get newsNote(): string | null {
    return null;
  }

  async history(symbol: string): Promise<BarRow[]> {
    const s = this.load(symbol);
    return rowsOf(s, 0, lowerBound(s.time, this.from));
  }

  async barsAfter(symbol: string, after: number): Promise<BarRow[]> {
    const s = this.load(symbol);
    const i = Math.max(lowerBound(s.time, after + 1), lowerBound(s.time, this.from));
    if (i >= s.length || (this.to !== null && s.time[i] > this.to)) return [];
    return rowsOf(s, i, i + 1);
  }

  async lastBar(symbol: string): Promise<number | null> {
    const s = this.load(symbol);
    const end = this.to === null ? s.length : lowerBound(s.time, this.to + DAY_MS);
    const first = lowerBound(s.time, this.from);
    return end > first ? s.time[end - 1] : null;
  }

  async news(symbol: string, since: number, until: number): Promise<NewsItem[]> {
    if (!this.data.listNews().some((e) => e.symbol === symbol)) return [];
    return this.data.loadNews(symbol, { from: since + 1, to: until }).items.filter((n) => n.time > since && n.time <= until);
  }

  private load(symbol: string): BarSeries {
    let s = this.series.get(symbol);
    if (!s) {
      s = this.data.loadSymbol(this.datasetOf(symbol), { adjust: this.adjust }).series;
      this.series.set(symbol, s);
    }
    return s;
  }
}

function rowsOf(s: BarSeries, from: number, to: number): BarRow[] {
  const rows: BarRow[] = [];
  for (let i = from; i < to; i++) rows.push({ time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i] });
  return rows;
}
