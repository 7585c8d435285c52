import { DAY_MS, isoDay } from '../../core/market/dates';

/** The `YYYY-MM-DD` of a bar's or a fill's time; `unknown` when it is not a time. */
export function dayOf(time: number): string {
  return Number.isFinite(time) ? isoDay(time) : 'unknown';
}

/** The `YYYY-MM-DD` of a bar's time as a report shows it; empty when it is not a time. */
export function barDay(time: number): string {
  return Number.isFinite(time) ? isoDay(time) : '';
}

/**
 * Finds the bar of a time's day among the bars' times: by bisection on day numbers when the
 * bars' days ascend (they do for every run; a map of a million bars costs more than the lookups),
 * else through a map. A time of no bar's day, or not a time, finds nothing.
 */
export function dayIndex(times: ArrayLike<number>): { get(time: number): number | undefined } {
  const n = times.length;
  const dayAt = (i: number) => Math.floor(times[i] / DAY_MS);
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = dayAt(i - 1) < dayAt(i);
  if (!ascending) {
    // The last bar of a day wins, as when the map is built in bar order.
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) map.set(dayAt(i), i);
    return { get: (time) => (Number.isFinite(time) ? map.get(Math.floor(time / DAY_MS)) : undefined) };
  }
  return {
    get(time) {
      const day = Math.floor(time / DAY_MS);
      if (!Number.isFinite(day)) return undefined;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = dayAt(mid);
        if (at === day) return mid;
        if (at < day) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}
