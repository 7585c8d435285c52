import { float64Column } from './float-column';

/**
 * Daily bars of one symbol as columnar typed arrays.
 *
 * `time[i]` is the bar's date as epoch milliseconds at 00:00 UTC. Bars are strictly
 * increasing in time. Prices are already adjusted by the loader's adjustment policy.
 * `tradingDay[i]` is 1 for a real session and 0 for a filler bar created by a calendar
 * reindex (only the finsaber profile creates those).
 */
export interface BarSeries {
  readonly symbol: string;
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly tradingDay: Uint8Array;
}

/** One bar as plain numbers, used to build series from rows. */
export interface BarRow {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Builds a series from rows that are already sorted and validated. */
export function seriesFromRows(symbol: string, rows: readonly BarRow[]): BarSeries {
  const n = rows.length;
  const series = allocateSeries(symbol, n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    series.time[i] = r.time;
    series.open[i] = r.open;
    series.high[i] = r.high;
    series.low[i] = r.low;
    series.close[i] = r.close;
    series.volume[i] = r.volume;
    series.tradingDay[i] = 1;
  }
  return series;
}

/** Allocates an empty series of `n` bars (all trading days). */
export function allocateSeries(symbol: string, n: number): BarSeries & { length: number } {
  return {
    symbol,
    length: n,
    time: float64Column(n),
    open: float64Column(n),
    high: float64Column(n),
    low: float64Column(n),
    close: float64Column(n),
    volume: float64Column(n),
    tradingDay: new Uint8Array(n).fill(1),
  };
}

/** The first `n` bars of a series, sharing memory (a point-in-time cut). */
export function truncateSeries(series: BarSeries, n: number): BarSeries {
  const end = Math.max(0, Math.min(n, series.length));
  return sliceSeries(series, 0, end);
}

/** Bars [from, to) of a series, sharing memory. */
export function sliceSeries(series: BarSeries, from: number, to: number): BarSeries {
  return {
    symbol: series.symbol,
    length: to - from,
    time: series.time.subarray(from, to),
    open: series.open.subarray(from, to),
    high: series.high.subarray(from, to),
    low: series.low.subarray(from, to),
    close: series.close.subarray(from, to),
    volume: series.volume.subarray(from, to),
    tradingDay: series.tradingDay.subarray(from, to),
  };
}

/** Index of the first bar with time >= `time` (length if none). */
export function lowerBound(times: Float64Array, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
