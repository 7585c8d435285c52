import { readFileSync } from 'node:fs';
import { allocateSeries, BarSeries } from '../src/core/market/bar-series';
import { DAY_MS, parseIsoDay } from '../src/core/market/dates';

/** Daily OHLCV columns of the sample AAPL file, oldest first. */
export interface PriceColumns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

/**
 * Reads the AAPL sample shipped by `@observablehq/sample-datasets` (Yahoo layout:
 * Date,Open,High,Low,Close,Adj Close,Volume; about 1,260 sessions from 2013 to 2018).
 * Open/High/Low/Close are used as they are (split-adjusted by Yahoo); Adj Close is ignored.
 */
export function loadAaplSample(): PriceColumns {
  const file = require.resolve('@observablehq/sample-datasets/aapl.csv');
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (lines[0].trim() !== 'Date,Open,High,Low,Close,Adj Close,Volume') {
    throw new Error(`${file}: unexpected header "${lines[0]}"`);
  }
  const cols: PriceColumns = { time: [], open: [], high: [], low: [], close: [], volume: [] };
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    const row = [parseIsoDay(f[0]), Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]), Number(f[6])];
    if (!row.every(Number.isFinite)) throw new Error(`${file}:${i + 1}: bad row "${lines[i]}"`);
    cols.time.push(row[0]);
    cols.open.push(row[1]);
    cols.high.push(row[2]);
    cols.low.push(row[3]);
    cols.close.push(row[4]);
    cols.volume.push(row[5]);
  }
  return cols;
}

/**
 * A series of exactly `length` daily bars made by repeating `base` end to end.
 *
 * Each copy k is multiplied by a factor chosen so its first open equals the previous copy's
 * last close (the series joins without a jump), and dates advance by one day per bar.
 * Because AAPL nearly triples over the sample, scaling alone would compound to ~2.9^800 and
 * overflow; so the base is first detrended by its average daily log growth
 * g = ln(lastClose / firstOpen) / (n − 1) (bar i divided by e^(g·i)). That keeps every daily
 * bar shape and every day-to-day move of the real series up to a constant drift of g
 * (about 0.085% a day) and makes the join factor ≈ 1, so prices stay in AAPL's range.
 */
export function repeatContinuous(symbol: string, base: PriceColumns, length: number): BarSeries {
  const n = base.close.length;
  const g = Math.log(base.close[n - 1] / base.open[0]) / (n - 1);
  const detrend = base.close.map((_, i) => Math.exp(-g * i));
  const series = allocateSeries(symbol, length);
  const t0 = base.time[0];
  let scale = 1;
  for (let start = 0; start < length; start += n) {
    if (start > 0) scale = series.close[start - 1] / (base.open[0] * detrend[0]);
    const end = Math.min(length, start + n);
    for (let j = start; j < end; j++) {
      const i = j - start;
      const f = detrend[i] * scale;
      series.time[j] = t0 + j * DAY_MS;
      series.open[j] = base.open[i] * f;
      series.high[j] = base.high[i] * f;
      series.low[j] = base.low[i] * f;
      series.close[j] = base.close[i] * f;
      series.volume[j] = base.volume[i];
    }
  }
  return series;
}
