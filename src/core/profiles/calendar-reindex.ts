import { allocateSeries, BarSeries } from '../market/bar-series';
import { DAY_MS } from '../market/dates';

/**
 * Reindexes daily bars to every calendar day from the first to the last bar, forward-filling
 * the whole OHLCV row (open included). Filler bars are marked `tradingDay = 0`.
 */
export function reindexToCalendarDays(series: BarSeries): BarSeries {
  if (series.length === 0) return series;
  const first = series.time[0];
  const days = Math.round((series.time[series.length - 1] - first) / DAY_MS) + 1;
  const out = allocateSeries(series.symbol, days);
  let src = 0;
  for (let i = 0; i < days; i++) {
    const day = first + i * DAY_MS;
    const real = src < series.length && series.time[src] === day;
    const from = real ? src : src - 1;
    out.time[i] = day;
    out.open[i] = series.open[from];
    out.high[i] = series.high[from];
    out.low[i] = series.low[from];
    out.close[i] = series.close[from];
    out.volume[i] = series.volume[from];
    out.tradingDay[i] = real ? 1 : 0;
    if (real) src++;
  }
  return out;
}
