import { DAY_MS, isoDay, parseIsoDay } from '../market/dates';

/** A span of calendar time as a user writes it: `2y`, `18m`, `6w`, `90d`. */
export interface Span {
  count: number;
  unit: 'y' | 'm' | 'w' | 'd';
}

/** A window of days, both ends inclusive (`YYYY-MM-DD`). */
export interface DayWindow {
  from: string;
  to: string;
}

/** One fold of a walk-forward: parameters are chosen on `train`, then tested on the `test` window after it. */
export interface WalkForwardFold {
  train: DayWindow;
  test: DayWindow;
}

export class SpanSyntaxError extends Error {
  override name = 'SpanSyntaxError';
}

export function parseSpan(text: string): Span {
  const m = /^\s*(\d+)\s*([ymwd])\s*$/i.exec(text);
  if (!m || Number(m[1]) === 0) throw new SpanSyntaxError(`"${text}": expected a positive span such as 2y, 18m, 6w or 90d`);
  return { count: Number(m[1]), unit: m[2].toLowerCase() as Span['unit'] };
}

export function formatSpan(span: Span): string {
  return `${span.count}${span.unit}`;
}

/**
 * The day `times` spans after `day`. Months and years keep the day of the month, or take the
 * month's last day when it has fewer (2004-02-29 + 1y = 2005-02-28).
 */
export function addSpan(day: number, span: Span, times = 1): number {
  const n = span.count * times;
  if (span.unit === 'd') return day + n * DAY_MS;
  if (span.unit === 'w') return day + 7 * n * DAY_MS;
  const d = new Date(day);
  const months = d.getUTCMonth() + (span.unit === 'y' ? 12 * n : n);
  const year = d.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay));
}

/**
 * Rolling windows over from..to: the k-th starts `k·step` after `from` and lasts `window`
 * (its last day is the day before start + window); windows that would end after `to` are not made.
 */
export function rollingWindows(from: string, to: string, window: Span, step: Span): DayWindow[] {
  const start = parseIsoDay(from);
  const end = parseIsoDay(to);
  const out: DayWindow[] = [];
  for (let k = 0; ; k++) {
    const s = addSpan(start, step, k);
    const e = addSpan(s, window) - DAY_MS;
    if (e > end) break;
    out.push({ from: isoDay(s), to: isoDay(e) });
  }
  return out;
}

/**
 * Walk-forward folds over from..to: train on `train`, test on the `test` span right after it,
 * then roll both forward by `test`, so the test windows follow each other without overlap.
 */
export function walkForwardFolds(from: string, to: string, train: Span, test: Span): WalkForwardFold[] {
  const start = parseIsoDay(from);
  const end = parseIsoDay(to);
  const out: WalkForwardFold[] = [];
  for (let k = 0; ; k++) {
    const trainStart = addSpan(start, test, k);
    const testStart = addSpan(trainStart, train);
    const testEnd = addSpan(testStart, test) - DAY_MS;
    if (testEnd > end) break;
    out.push({ train: { from: isoDay(trainStart), to: isoDay(testStart - DAY_MS) }, test: { from: isoDay(testStart), to: isoDay(testEnd) } });
  }
  return out;
}
