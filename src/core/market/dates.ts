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

/**
 * Formats epoch ms as `YYYY-MM-DD` (UTC). Plain arithmetic ({@link civilDate}) rather than a Date
 * object: it runs for every bar of every trace.
 */
export function isoDay(time: number): string {
  if (!Number.isFinite(time)) return new Date(time).toISOString().slice(0, 10); // throws like Date would
  const date = civilDate(time);
  const year = Math.floor(date / 10_000);
  if (year < 0 || year > 9999) return new Date(time).toISOString().slice(0, 10);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * The UTC calendar date of epoch ms (finite) as one number, year × 10,000 + month × 100 + day:
 * days to civil date after H. Hinnant, with no object made.
 */
export function civilDate(time: number): number {
  const z = Math.floor(time / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
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
