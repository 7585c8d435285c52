import { allocateSeries, BarSeries } from '../market/bar-series';
import { DAY_MS, parseIsoDay } from '../market/dates';

/**
 * Builds a series from a small table of [open, high, low, close] rows on consecutive days
 * from `firstDay`: the shape of the engine's scenario tests.
 */
export function barTable(rows: ReadonlyArray<readonly [number, number, number, number]>, firstDay = '2024-01-01', symbol = 'TEST'): BarSeries {
  const series = allocateSeries(symbol, rows.length);
  const t0 = parseIsoDay(firstDay);
  rows.forEach(([o, h, l, c], i) => {
    series.time[i] = t0 + i * DAY_MS;
    series.open[i] = o;
    series.high[i] = h;
    series.low[i] = l;
    series.close[i] = c;
    series.volume[i] = 1_000;
  });
  return series;
}
