import { DAY_MS } from '../../market/dates';
import type { EarningsRecord } from '../../market/fundamentals';

/** The earnings records that matter at one instant. */
export interface EarningsView {
  /** The record of the latest quarter public at the instant. */
  latest: EarningsRecord;
  /** The same quarter a year earlier, when public. */
  yearAgo: EarningsRecord | null;
  /** Up to 4 latest quarters (latest first), one record each. */
  lastFour: EarningsRecord[];
}

/** Point-in-time indicators of the latest quarter. */
export interface EarningsIndicators {
  quarter: string;
  /** (actual − estimate) / max(|estimate|, epsFloor). */
  surprise: number;
  /** (actual − actual a year earlier) / max(|actual a year earlier|, epsFloor), or null. */
  growthYoY: number | null;
  /** Quarters of `lastFour` with actual > estimate, and with actual < estimate. */
  beats: number;
  misses: number;
  quarters: number;
  /** Days from the release to the instant (fractional). */
  daysSinceRelease: number;
}

/**
 * The records public at `time` (publishedAt <= time; later ones are ignored, whatever their
 * order in `records`). Of several records for one quarter (a re-announcement), the one published
 * last counts. Null when nothing is public.
 */
export function earningsAsOf(records: readonly EarningsRecord[], time: number): EarningsView | null {
  let latest: EarningsRecord | null = null;
  for (const r of records) {
    if (r.publishedAt > time) continue;
    if (latest === null || r.quarter > latest.quarter || (r.quarter === latest.quarter && r.publishedAt > latest.publishedAt)) latest = r;
  }
  if (latest === null) return null;
  const lastFour: EarningsRecord[] = [];
  for (const r of records) {
    if (r.publishedAt > time) continue;
    const i = lastFour.findIndex((x) => x.quarter === r.quarter);
    if (i !== -1) {
      if (r.publishedAt > lastFour[i].publishedAt) lastFour[i] = r;
      continue;
    }
    if (lastFour.length === 4 && r.quarter < lastFour[3].quarter) continue;
    lastFour.push(r);
    lastFour.sort((a, b) => (a.quarter < b.quarter ? 1 : a.quarter > b.quarter ? -1 : 0));
    if (lastFour.length > 4) lastFour.pop();
  }
  const target = shiftQuarter(latest.quarter, -12);
  let yearAgo: EarningsRecord | null = null;
  for (const r of records) {
    if (r.publishedAt <= time && r.quarter === target && (yearAgo === null || r.publishedAt > yearAgo.publishedAt)) yearAgo = r;
  }
  return { latest, yearAgo, lastFour };
}

/** Surprise, growth, beats and staleness of a view at `time`. */
export function earningsIndicators(view: EarningsView, time: number, epsFloor: number): EarningsIndicators {
  const { latest, yearAgo, lastFour } = view;
  let beats = 0;
  let misses = 0;
  for (const r of lastFour) {
    if (r.epsActual > r.epsEstimate) beats++;
    else if (r.epsActual < r.epsEstimate) misses++;
  }
  return {
    quarter: latest.quarter,
    surprise: (latest.epsActual - latest.epsEstimate) / Math.max(Math.abs(latest.epsEstimate), epsFloor),
    growthYoY: yearAgo === null ? null : (latest.epsActual - yearAgo.epsActual) / Math.max(Math.abs(yearAgo.epsActual), epsFloor),
    beats,
    misses,
    quarters: lastFour.length,
    daysSinceRelease: (time - latest.publishedAt) / DAY_MS,
  };
}

/** `YYYY-MM` moved by `months`. */
export function shiftQuarter(quarter: string, months: number): string {
  const index = Number(quarter.slice(0, 4)) * 12 + Number(quarter.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${year}-${month < 10 ? '0' : ''}${month}`;
}

/**
 * How many of `records` (sorted by publishedAt ascending) are public at `time`: a binary search,
 * so a pipeline can hand the agent `records.slice(0, n)` or track n per bar without scanning.
 */
export function publishedCount(records: readonly { publishedAt: number }[], time: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid].publishedAt <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
