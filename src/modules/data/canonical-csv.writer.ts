import { isoDay } from '../../core/market/dates';
import { PriceColumns, priceRowAt } from './price-columns';

/** Header of the canonical per-symbol file in `<dataDir>/prices/`. */
export const CANONICAL_HEADER = 'date,open,high,low,close,adj_close,volume,split_coefficient';

/**
 * Formats raw rows as the canonical CSV. Numbers use JavaScript's shortest round-trip form, so
 * reading the file back gives identical values. An optional column the source lacked is written
 * empty in every row, which the loader reads back as "absent".
 */
export function formatCanonicalCsv(prices: PriceColumns, hasAdjClose: boolean, hasSplitCoefficient: boolean): string {
  const lines = new Array<string>(prices.length + 1);
  lines[0] = CANONICAL_HEADER;
  for (let i = 0; i < prices.length; i++) {
    const r = priceRowAt(prices, i);
    const adj = hasAdjClose ? String(r.adjClose) : '';
    const split = hasSplitCoefficient ? String(r.splitCoefficient) : '';
    lines[i + 1] = `${isoDay(r.time)},${r.open},${r.high},${r.low},${r.close},${adj},${r.volume},${split}`;
  }
  return lines.join('\n') + '\n';
}
