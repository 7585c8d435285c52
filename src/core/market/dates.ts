/** Calendar helpers on UTC day timestamps (epoch ms at 00:00 UTC). Pure: no clock reads. */

export const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DD` to epoch ms at 00:00 UTC, or NaN when it is not a real date. */
export function parseIsoDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t;
}

/** Formats epoch ms as `YYYY-MM-DD` (UTC). */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Day of week, 0 = Sunday .. 6 = Saturday. */
export function weekday(time: number): number {
  return new Date(time).getUTCDay();
}

/** UTC month index (year × 12 + month) of a day timestamp. */
export function monthIndex(time: number): number {
  const d = new Date(time);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * How many Monday–Friday days of its month have passed up to and including `time`
 * (holidays are not known here and count as business days).
 */
export function businessDayOfMonth(time: number): number {
  const d = new Date(time);
  let count = 0;
  for (let day = 1; day <= d.getUTCDate(); day++) {
    const wd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day)).getUTCDay();
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}
