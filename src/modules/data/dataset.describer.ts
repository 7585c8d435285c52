import type { BarSeries } from '../../core/market/bar-series';
import { DAY_MS, isoDay, weekday } from '../../core/market/dates';

/** Summary statistics of one column. `std` is the sample standard deviation (n - 1). */
export interface ColumnStats {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** One resampled bar: first open, highest high, lowest low, last close, summed volume. */
export interface ResampledBar {
  /** Period key: the Monday (`YYYY-MM-DD`) of an ISO week, or `YYYY-MM` for a month. */
  period: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Resampling period of {@link describeDataset}. */
export type ResamplePeriod = 'week' | 'month';

/** What `data describe <symbol>` prints. */
export interface DatasetDescription {
  symbol: string;
  bars: number;
  firstDate: string;
  lastDate: string;
  stats: Record<'open' | 'high' | 'low' | 'close' | 'volume', ColumnStats>;
  period: ResamplePeriod;
  resampled: ResampledBar[];
}

const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

// The subset of danfojs used here. Its bundled typings need a newer moduleResolution than the project's.
interface DanfoFrame {
  index: Array<string | number>;
  loc(selection: { columns: string[] }): DanfoFrame;
  describe(): DanfoFrame;
  groupby(columns: string[]): DanfoGroups;
}
interface DanfoGroups {
  col(columns: string[]): DanfoGroups;
  first(): DanfoFrame;
  last(): DanfoFrame;
  agg(operations: Record<string, string>): DanfoFrame;
}
interface Danfo {
  DataFrame: new (data: Record<string, unknown[]>) => DanfoFrame;
  toJSON(frame: DanfoFrame): unknown;
}

/**
 * Summary statistics and a weekly or monthly OHLCV resample of a series, computed with danfojs.
 * danfojs takes about a second to load, so it is required here, on first use, and never by the
 * loaders or the backtest path.
 */
export function describeDataset(series: BarSeries, period: ResamplePeriod = 'month'): DatasetDescription {
  if (series.length === 0) throw new Error(`${series.symbol}: cannot describe an empty series`);
  const dfd = require('danfojs') as Danfo;
  const data: Record<string, Array<number | string>> = { period: Array.from(series.time, (t) => periodKey(t, period)) };
  for (const column of COLUMNS) data[column] = Array.from(series[column]);
  const frame = new dfd.DataFrame(data);

  const described = frame.loc({ columns: [...COLUMNS] }).describe();
  const summary = dfd.toJSON(described) as Array<Record<string, number>>;
  const labels = described.index.map(String);
  const stat = (column: string, name: keyof ColumnStats): number => summary[labels.indexOf(name)][column];
  const stats = Object.fromEntries(
    COLUMNS.map((c) => [c, { count: stat(c, 'count'), mean: stat(c, 'mean'), std: stat(c, 'std'), min: stat(c, 'min'), max: stat(c, 'max') }]),
  ) as DatasetDescription['stats'];

  const groups = frame.groupby(['period']);
  const firsts = byPeriod(dfd.toJSON(groups.col(['open']).first()));
  const lasts = byPeriod(dfd.toJSON(groups.col(['close']).last()));
  const extremes = byPeriod(dfd.toJSON(groups.agg({ high: 'max', low: 'min', volume: 'sum' })));
  const resampled = [...firsts.keys()].sort().map((key) => ({
    period: key,
    open: firsts.get(key)!.open,
    high: extremes.get(key)!.high_max,
    low: extremes.get(key)!.low_min,
    close: lasts.get(key)!.close,
    volume: extremes.get(key)!.volume_sum,
  }));

  return {
    symbol: series.symbol,
    bars: series.length,
    firstDate: isoDay(series.time[0]),
    lastDate: isoDay(series.time[series.length - 1]),
    stats,
    period,
    resampled,
  };
}

function periodKey(time: number, period: ResamplePeriod): string {
  if (period === 'month') return isoDay(time).slice(0, 7);
  const sinceMonday = (weekday(time) + 6) % 7;
  return isoDay(time - sinceMonday * DAY_MS);
}

function byPeriod(rows: unknown): Map<string, Record<string, number>> {
  const map = new Map<string, Record<string, number>>();
  for (const row of rows as Array<Record<string, number | string>>) {
    map.set(String(row.period), row as Record<string, number>);
  }
  return map;
}
