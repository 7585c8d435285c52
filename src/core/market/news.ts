/** A news item or social post about one symbol, stamped with its publication instant. */
export interface NewsItem {
  /** Stable id (source id, or a content hash assigned by the importer). */
  id: string;
  /** Publication instant, epoch ms UTC. */
  time: number;
  symbol: string;
  headline: string;
  body?: string;
  source?: string;
  url?: string;
}

/**
 * News of one symbol indexed by session: items of session t are those published after the
 * previous session's close and at or before session t's close. Items before the first bar's
 * previous close belong to no session. Built once per run (two-pointer walk, no per-bar work).
 */
export interface NewsTimeline {
  /** Items sorted by time (ties by id). */
  readonly items: readonly NewsItem[];
  /** Session t holds items[start[t] .. end[t]). */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/**
 * Assigns items to sessions. `closes[t]` is session t's close instant (increasing). A session's
 * window opens one day before the first close for bar 0 (so bar 0 is not flooded with history).
 */
export function buildNewsTimeline(items: readonly NewsItem[], closes: Float64Array, firstWindowMs = 86_400_000): NewsTimeline {
  const sorted = isOrdered(items) ? items : [...items].sort(byTimeThenId);
  const n = closes.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let i = 0;
  for (let t = 0; t < n; t++) {
    const open = t === 0 ? closes[0] - firstWindowMs : closes[t - 1];
    while (i < sorted.length && sorted[i].time <= open) i++;
    start[t] = i;
    while (i < sorted.length && sorted[i].time <= closes[t]) i++;
    end[t] = i;
  }
  return { items: sorted, start, end };
}

/** Orders news items by publication time, ties by id: the order stores keep and agents read. */
export function byTimeThenId(a: NewsItem, b: NewsItem): number {
  return a.time - b.time || compareIds(a.id, b.id);
}

/** Code-unit order of ids (locale-independent, so every machine sorts alike). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stores hand items over in order already; checking is cheaper than copying and sorting. */
function isOrdered(items: readonly NewsItem[]): boolean {
  for (let i = 1; i < items.length; i++) if (byTimeThenId(items[i - 1], items[i]) > 0) return false;
  return true;
}
