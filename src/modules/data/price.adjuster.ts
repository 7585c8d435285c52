import { allocateSeries, BarRow, BarSeries } from '../../core/market/bar-series';
import { PriceColumns, priceColumnsOf } from './price-columns';
import type { AdjustPolicy, PriceRow } from './price-row';

/** Which optional columns the rows really carry (see ParsedPriceCsv). */
export interface AdjustableColumns {
  hasAdjClose: boolean;
  hasSplitCoefficient: boolean;
}

/** The concrete policy used: 'auto' becomes 'total' with an adjusted close column, else 'none'. */
export function resolveAdjustPolicy(policy: AdjustPolicy, columns: AdjustableColumns): Exclude<AdjustPolicy, 'auto'> {
  if (policy === 'auto') return columns.hasAdjClose ? 'total' : 'none';
  return policy;
}

/**
 * The series of `symbol` from ascending raw rows, adjusted by `policy`:
 * - 'none': unchanged; the series shares the columns' arrays (nothing is copied).
 * - 'total': factor f = adjClose / close; open, high, low scaled by f, close = adjClose,
 *   volume divided by f (so traded value is unchanged).
 * - 'splits': back-adjusted for splits: a coefficient c on day d divides every earlier price by
 *   c (cumulatively over all later splits) and multiplies earlier volumes by it.
 * Throws when the policy needs a column the data lacks; `source` names the data in the message.
 */
export function adjustedSeries(
  symbol: string,
  prices: PriceColumns,
  policy: AdjustPolicy,
  columns: AdjustableColumns,
  source: string,
): BarSeries {
  const resolved = resolveAdjustPolicy(policy, columns);
  if (resolved === 'total' && (!columns.hasAdjClose || prices.adjClose === null)) {
    throw new Error(`${source}: adjust 'total' needs an adjusted close column, which this data lacks (use 'none' or 'splits')`);
  }
  if (resolved === 'splits' && (!columns.hasSplitCoefficient || prices.splitCoefficient === null)) {
    throw new Error(`${source}: adjust 'splits' needs a split_coefficient column, which this data lacks (use 'none' or 'total')`);
  }
  const n = prices.length;
  if (resolved === 'none') {
    const { time, open, high, low, close, volume } = prices;
    return { symbol, length: n, time, open, high, low, close, volume, tradingDay: new Uint8Array(n).fill(1) };
  }
  const series = allocateSeries(symbol, n);
  series.time.set(prices.time);
  if (resolved === 'total') {
    const adjClose = prices.adjClose!;
    for (let i = 0; i < n; i++) scaleBar(prices, series, i, adjClose[i] / prices.close[i]);
    series.close.set(adjClose);
    return series;
  }
  const split = prices.splitCoefficient!;
  let cumulative = 1;
  for (let i = n - 1; i >= 0; i--) {
    scaleBar(prices, series, i, 1 / cumulative);
    cumulative *= split[i];
  }
  return series;
}

/** {@link adjustedSeries} for rows, as rows. */
export function adjustRows(rows: readonly PriceRow[], policy: AdjustPolicy, columns: AdjustableColumns, source: string): BarRow[] {
  const series = adjustedSeries('', priceColumnsOf(rows, columns.hasAdjClose, columns.hasSplitCoefficient), policy, columns, source);
  const out = new Array<BarRow>(series.length);
  for (let i = 0; i < series.length; i++) {
    out[i] = { time: series.time[i], open: series.open[i], high: series.high[i], low: series.low[i], close: series.close[i], volume: series.volume[i] };
  }
  return out;
}

function scaleBar(prices: PriceColumns, series: BarSeries, i: number, factor: number): void {
  (series.open as Float64Array)[i] = prices.open[i] * factor;
  (series.high as Float64Array)[i] = prices.high[i] * factor;
  (series.low as Float64Array)[i] = prices.low[i] * factor;
  (series.close as Float64Array)[i] = prices.close[i] * factor;
  (series.volume as Float64Array)[i] = prices.volume[i] / factor;
}
