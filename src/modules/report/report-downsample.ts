/**
 * Which bars a report's charts draw. A chart cannot show more points than its width in pixels,
 * so a long run is drawn from a sample of its bars: Largest-Triangle-Three-Buckets (Steinarsson,
 * 2013) on the equity curve and on the price, each keeping the bars that shape its line, plus
 * every bar a trade marker sits on and the bars where the position's side changes (so the
 * markers and the holding bands stay exact). Tables and CSV artifacts keep every bar.
 *
 * Written here rather than taken from a package: the charts share one time axis, so the sample
 * is a set of bar indices common to every series, and the packages at hand return points.
 */

/** Runs with at most this many bars are drawn whole. */
export const DRAWN_BARS_LIMIT = 4_000;
/** Bars LTTB keeps per series when a run is longer. */
export const LTTB_POINTS = 1_500;

/**
 * LTTB over (x(i), y[i]) for i in [0, n), n = y.length: the indices of `threshold` points
 * (first and last included), ascending. Non-finite y values score as 0 area, so gaps neither
 * attract nor repel the choice. Returns every index when n <= threshold. `x` is read bar by bar
 * (a long run's chart times are never made for every bar).
 */
export function lttbIndices(x: (i: number) => number, y: ArrayLike<number>, threshold: number): number[] {
  const n = y.length;
  if (threshold >= n || threshold < 3) return everyIndex(n);
  const out: number[] = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // The next bucket's average point is the third corner of the triangles.
    const nextStart = Math.floor((bucket + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      if (!Number.isFinite(y[j])) continue;
      avgX += x(j);
      avgY += y[j];
      count++;
    }
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = x(Math.min(nextStart, n - 1));
      avgY = Number.isFinite(y[a]) ? y[a] : 0;
    }
    const start = Math.floor(bucket * every) + 1;
    const end = Math.floor((bucket + 1) * every) + 1;
    const ax = x(a);
    const ay = Number.isFinite(y[a]) ? y[a] : avgY;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const yj = y[j];
      const area = Number.isFinite(yj) ? Math.abs((ax - avgX) * (yj - ay) - (ax - x(j)) * (avgY - ay)) : 0;
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

/**
 * The bars a report draws of its `equity.length` bars: all of them up to
 * {@link DRAWN_BARS_LIMIT}; beyond it LTTB's picks on `equity` and `close` against the chart's
 * time `t(i)`, the bars of `keep` (trade markers) and every bar where the sign of `position`
 * differs from the bar before (and that bar), ascending and without repeats.
 */
export function drawnBars(
  t: (i: number) => number,
  equity: ArrayLike<number>,
  close: ArrayLike<number>,
  position: ArrayLike<number>,
  keep: Iterable<number>,
): number[] {
  const n = equity.length;
  if (n <= DRAWN_BARS_LIMIT) return everyIndex(n);
  const chosen = new Uint8Array(n);
  for (const i of lttbIndices(t, equity, LTTB_POINTS)) chosen[i] = 1;
  for (const i of lttbIndices(t, close, LTTB_POINTS)) chosen[i] = 1;
  for (const i of keep) if (i >= 0 && i < n) chosen[i] = 1;
  for (let i = 1; i < n; i++) {
    if (Math.sign(position[i]) !== Math.sign(position[i - 1])) chosen[i - 1] = chosen[i] = 1;
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (chosen[i]) out.push(i);
  return out;
}

/** 0, 1, … n − 1: a plain loop (`Array.from` with a map function costs a call per index, 80 µs for a 1,259-bar run). */
function everyIndex(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
