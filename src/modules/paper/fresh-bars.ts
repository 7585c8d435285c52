import type { BarRow } from '../../core/market/bar-series';
import { DAY_MS, isoDay } from '../../core/market/dates';
import { SessionCalendar, zonedInstant } from '../../core/market/session-clock';
import { FeedError } from './feeds/feed-error';

/**
 * The bars a feed handed over that a tick may use: checked (numbers, ranges, dates after the
 * newest stored, in order) and, from a live feed, only those whose session has closed by `now`:
 * a bar is never used before its close. A malformed bar fails the whole answer.
 */
export function usableBars(symbol: string, bars: readonly BarRow[], after: number | null, live: boolean, now: number, calendar: SessionCalendar): BarRow[] {
  let previous = after ?? -Infinity;
  const out: BarRow[] = [];
  for (const b of bars) {
    const problem = barProblem(b, previous);
    if (problem) throw new FeedError(`malformed bar of ${symbol}${Number.isFinite(b.time) ? ` on ${isoDay(b.time)}` : ''}: ${problem}`);
    previous = b.time;
    if (live && closeOf(b.time, calendar) > now) break;
    out.push(b);
  }
  return out;
}

/** The instant a daily bar's session closes. */
export function closeOf(day: number, calendar: SessionCalendar): number {
  return zonedInstant(day, calendar.closeTime, calendar.timeZone);
}

/** A live feed whose newest bar closed more than `days` days before `now` is stale. */
export function staleness(symbol: string, newest: number | null, now: number, days: number, calendar: SessionCalendar): string | null {
  if (newest === null) return `no bars of ${symbol}`;
  const age = (now - closeOf(newest, calendar)) / DAY_MS;
  return age > days ? `stale: the newest bar of ${symbol} is of ${isoDay(newest)}, ${Math.floor(age)} days old (more than ${days})` : null;
}

function barProblem(b: BarRow, previous: number): string | null {
  const { time, open, high, low, close, volume } = b;
  if (![time, open, high, low, close, volume].every(Number.isFinite)) return 'a field is not a number';
  if (time % DAY_MS !== 0) return 'its date is not a day';
  if (Number.isFinite(previous) && time <= previous) return `not after ${isoDay(previous)}`;
  if (!(low > 0)) return 'a price is not positive';
  if (high < low) return 'high below low';
  if (open < low || open > high || close < low || close > high) return 'open or close outside the day\'s range';
  if (volume < 0) return 'negative volume';
  return null;
}
