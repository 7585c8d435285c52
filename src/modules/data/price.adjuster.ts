import { BarRow, BarSeries, seriesFromRows } from '../../core/market/bar-series';
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
 * Adjusted copies of ascending raw rows.
 * - 'none': unchanged.
 * - 'total': factor f = adjClose / close; open, high, low scaled by f, close = adjClose,
 *   volume divided by f (so traded value is unchanged).
 * - 'splits': back-adjusted for splits: a coefficient c on day d divides every earlier price by
 *   c (cumulatively over all later splits) and multiplies earlier volumes by it.
 * Throws when the policy needs a column the data lacks; `source` names the data in the message.
 */
export function adjustRows(
  rows: readonly PriceRow[],
  policy: AdjustPolicy,
  columns: AdjustableColumns,
  source: string,
): BarRow[] {
  const resolved = resolveAdjustPolicy(policy, columns);
  if (resolved === 'total' && !columns.hasAdjClose) {
    throw new Error(`${source}: adjust 'total' needs an adjusted close column, which this data lacks (use 'none' or 'splits')`);
  }
  if (resolved === 'splits' && !columns.hasSplitCoefficient) {
    throw new Error(`${source}: adjust 'splits' needs a split_coefficient column, which this data lacks (use 'none' or 'total')`);
  }
  if (resolved === 'none') return rows.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));
  if (resolved === 'total') return rows.map((row) => ({ ...scaled(row, row.adjClose / row.close), close: row.adjClose }));
  const adjusted = new Array<BarRow>(rows.length);
  let cumulative = 1;
  for (let i = rows.length - 1; i >= 0; i--) {
    adjusted[i] = scaled(rows[i], 1 / cumulative);
    cumulative *= rows[i].splitCoefficient;
  }
  return adjusted;
}

/** Builds the series of `symbol` after adjusting its raw rows (see {@link adjustRows}). */
export function adjustedSeries(
  symbol: string,
  rows: readonly PriceRow[],
  policy: AdjustPolicy,
  columns: AdjustableColumns,
  source: string,
): BarSeries {
  return seriesFromRows(symbol, adjustRows(rows, policy, columns, source));
}

function scaled(row: PriceRow, factor: number): BarRow {
  return {
    time: row.time,
    open: row.open * factor,
    high: row.high * factor,
    low: row.low * factor,
    close: row.close * factor,
    volume: row.volume / factor,
  };
}
