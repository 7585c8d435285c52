import { civilDate, DAY_MS, isoDay } from '../../core/market/dates';

/** The day last written and its parts: a run's rows go day by day, so the next is usually one day on. */
let lastDay = NaN;
let lastYear = 0;
let lastMonth = 0;
let lastDate = 0;

/**
 * Writes `isoDay(time)` (`YYYY-MM-DD`) into `out` at `at` as ASCII and returns the offset after
 * it (10 bytes for the years 0–9999; other years as `isoDay` writes them), without a string per
 * date.
 */
export function writeIsoDayAscii(out: Uint8Array, at: number, time: number): number {
  const dayNumber = Math.floor(time / DAY_MS);
  let year: number;
  let month: number;
  let day: number;
  if (dayNumber === lastDay + 1 && lastDate < 28) {
    // The day after one before the 28th is in the same month.
    year = lastYear;
    month = lastMonth;
    day = lastDate + 1;
  } else if (dayNumber === lastDay) {
    year = lastYear;
    month = lastMonth;
    day = lastDate;
  } else {
    const date = civilDate(time);
    year = Math.floor(date / 10_000);
    month = Math.floor(date / 100) % 100;
    day = date % 100;
  }
  if (!(year >= 0 && year <= 9999)) {
    const text = isoDay(time);
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
    return at + text.length;
  }
  lastDay = dayNumber;
  lastYear = year;
  lastMonth = month;
  lastDate = day;
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
