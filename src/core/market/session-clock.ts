import { DAY_MS } from './dates';

/**
 * When a daily bar's session closes, as a UTC instant: the bar's date at `closeTime` in the
 * exchange's time zone. Decisions are taken at that instant, so an item published at or before
 * it belongs to that session and anything later to the next one.
 */
export interface SessionCalendar {
  /** IANA time zone of the exchange, e.g. `America/New_York`. */
  timeZone: string;
  /** Local close time `HH:MM`, e.g. `16:00`. */
  closeTime: string;
}

export const NYSE_CALENDAR: SessionCalendar = { timeZone: 'America/New_York', closeTime: '16:00' };

// Conversions are pure and slow (Intl), and runs ask for the same days again: remember them.
const instants = new Map<string, number>();

/** Converts a local wall-clock time on a UTC day (epoch ms at 00:00 UTC) to its UTC instant. */
export function zonedInstant(day: number, hhmm: string, timeZone: string): number {
  const key = `${timeZone}|${hhmm}|${day}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = convert(day, hhmm, timeZone);
    if (instants.size > 200_000) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

function convert(day: number, hhmm: string, timeZone: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`time must be HH:MM, got "${hhmm}"`);
  const wallClock = day + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  // The zone's offset at that instant; a second pass settles days that change offset (DST).
  let instant = wallClock - offsetMs(wallClock, timeZone);
  instant = wallClock - offsetMs(instant, timeZone);
  return instant;
}

/**
 * The session close instant of each bar of a series, computed once. Time-zone lookups are slow,
 * so they are made only where the offset can change: two days less than 120 days apart with
 * the same offset have no daylight-saving change between them (changes are at least ~4 months
 * apart), and every bar between them shares that offset.
 */
export function sessionCloses(times: Float64Array, calendar: SessionCalendar): Float64Array {
  const n = times.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const exact = (i: number) => (out[i] = zonedInstant(times[i], calendar.closeTime, calendar.timeZone));
  const fill = (a: number, b: number): void => {
    const shift = out[a] - times[a];
    if (out[b] - times[b] === shift && times[b] - times[a] < 120 * DAY_MS) {
      for (let i = a + 1; i < b; i++) out[i] = times[i] + shift;
      return;
    }
    if (b - a < 2) return;
    const mid = (a + b) >>> 1;
    exact(mid);
    fill(a, mid);
    fill(mid, b);
  };
  exact(0);
  exact(n - 1);
  fill(0, n - 1);
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `instant`, in ms (e.g. −4 h for New York in summer). */
function offsetMs(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export { DAY_MS };
