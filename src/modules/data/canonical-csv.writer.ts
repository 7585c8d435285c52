import { isoDay } from '../../core/market/dates';
import type { PriceRow } from './price-row';

/** Header of the canonical per-symbol file in `<dataDir>/prices/`. */
export const CANONICAL_HEADER = 'date,open,high,low,close,adj_close,volume,split_coefficient';

/**
 * Formats raw rows as the canonical CSV. Numbers use JavaScript's shortest round-trip form, so
 * reading the file back gives identical values. An optional column the source lacked is written
 * empty in every row, which the loader reads back as "absent".
 */
export function formatCanonicalCsv(rows: readonly PriceRow[], hasAdjClose: boolean, hasSplitCoefficient: boolean): string {
  const lines = new Array<string>(rows.length + 1);
  lines[0] = CANONICAL_HEADER;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const adj = hasAdjClose ? String(r.adjClose) : '';
    const split = hasSplitCoefficient ? String(r.splitCoefficient) : '';
    lines[i + 1] = `${isoDay(r.time)},${r.open},${r.high},${r.low},${r.close},${adj},${r.volume},${split}`;
  }
  return lines.join('\n') + '\n';
}
