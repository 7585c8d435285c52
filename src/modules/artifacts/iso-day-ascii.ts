import { civilDate, isoDay } from '../../core/market/dates';

/**
 * Writes `isoDay(time)` (`YYYY-MM-DD`) into `out` at `at` as ASCII and returns the offset after
 * it (10 bytes for the years 0–9999; other years as `isoDay` writes them), without a string per
 * date.
 */
export function writeIsoDayAscii(out: Uint8Array, at: number, time: number): number {
  const date = civilDate(time);
  const year = Math.floor(date / 10_000);
  if (!(year >= 0 && year <= 9999)) {
    const text = isoDay(time);
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
    return at + text.length;
  }
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  out[at] = 48 + ((year / 1000) | 0);
  out[at + 1] = 48 + (((year / 100) | 0) % 10);
  out[at + 2] = 48 + (((year / 10) | 0) % 10);
  out[at + 3] = 48 + (year % 10);
  out[at + 4] = 45;
  out[at + 5] = 48 + ((month / 10) | 0);
  out[at + 6] = 48 + (month % 10);
  out[at + 7] = 45;
  out[at + 8] = 48 + ((day / 10) | 0);
  out[at + 9] = 48 + (day % 10);
  return at + 10;
}
