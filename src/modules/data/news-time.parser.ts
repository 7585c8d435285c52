import { zonedInstant } from '../../core/market/session-clock';

/** Time zone of timestamps written without an offset, unless the caller says otherwise. */
export const DEFAULT_NEWS_TIME_ZONE = 'America/New_York';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const TWITTER = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/;
const EPOCH = /^\d{9,13}$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Throws a clear error when `timeZone` is not an IANA zone the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`unknown time zone "${timeZone}" (use an IANA name such as America/New_York)`);
  }
}

/**
 * Parses a publication timestamp to epoch ms UTC, or returns null when it is not one.
 * Accepted: ISO-8601 with an offset or `Z` (exact); ISO-8601 without one (wall-clock time in
 * `timeZone`); a date alone (`YYYY-MM-DD`: the item is only known by the end of that local day,
 * so it is stamped 23:59:59 local, which places it in the next session); epoch seconds (9–10
 * digits) or milliseconds (12–13 digits); Twitter's `Wed Jan 01 03:59:03 +0000 2014`.
 */
export function parseNewsTime(text: string, timeZone: string = DEFAULT_NEWS_TIME_ZONE): number | null {
  const value = text.trim();
  if (EPOCH.test(value)) return value.length <= 10 ? Number(value) * 1000 : value.length >= 12 ? Number(value) : null;
  const iso = ISO.exec(value);
  if (iso) return fromIso(iso, timeZone);
  const tw = TWITTER.exec(value);
  if (tw) return fromTwitter(tw);
  return null;
}

function fromIso(m: RegExpExecArray, timeZone: string): number | null {
  const day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === null) return null;
  if (m[4] === undefined) {
    if (m[8] !== undefined) return null;
    return zonedInstant(day, '23:59', timeZone) + 59_000;
  }
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const withinMinute = seconds * 1000 + fraction;
  const zone = m[8];
  if (zone === undefined) return zonedInstant(day, `${m[4]}:${m[5]}`, timeZone) + withinMinute;
  return day + (hours * 60 + minutes) * 60_000 + withinMinute - offsetMinutes(zone) * 60_000;
}

function fromTwitter(m: RegExpExecArray): number | null {
  const month = MONTHS.indexOf(m[1]) + 1;
  const day = month === 0 ? null : calendarDay(Number(m[7]), month, Number(m[2]));
  if (day === null) return null;
  const hours = Number(m[3]);
  const minutes = Number(m[4]);
  const seconds = Number(m[5]);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return day + ((hours * 60 + minutes) * 60 + seconds) * 1000 - offsetMinutes(m[6]) * 60_000;
}

/** `Z`, `+HH:MM` or `+HHMM` as minutes east of UTC. */
function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Epoch ms at 00:00 UTC of a real calendar date, or null. */
export function calendarDay(year: number, month: number, day: number): number | null {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? t : null;
}
