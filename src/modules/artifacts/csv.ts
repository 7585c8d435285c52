import { isoDay } from '../../core/market/dates';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A number at full precision (shortest round-trip form); NaN is an empty field. */
export function csvNumber(n: number): string {
  return Number.isNaN(n) ? '' : String(n);
}

/** An epoch-ms time as `YYYY-MM-DD` (before 1970 too: a time is negative then); empty when it is not finite. */
export function csvDate(time: number): string {
  return Number.isFinite(time) ? isoDay(time) : '';
}

/** A whole CSV document: header and rows, `\n`-terminated lines. */
export function csvDocument(header: string[], rows: string[][]): string {
  const lines = [header, ...rows].map((fields) => fields.map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}
