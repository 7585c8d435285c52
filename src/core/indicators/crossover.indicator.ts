import { assertSameLength } from './period-guard';

/**
 * Backtrader's CrossOver of `a` over `b`, as a Float64Array of +1 (up-cross), −1 (down-cross),
 * 0 (neither), or NaN during the warm-up.
 *
 * With d = a − b, let f be the first index where d is defined (not NaN). nzd, the last
 * nonzero difference, is NaN before f, equals d(f) at f (even when 0), and afterwards is
 * d(t) when d(t) ≠ 0 (a NaN d passes through as NaN) and nzd(t−1) otherwise.
 * For t > f: +1 when nzd(t−1) < 0 and a(t) > b(t); −1 when nzd(t−1) > 0 and a(t) < b(t);
 * else 0. Comparisons with NaN are false. Output is NaN at indices <= f (all NaN if d is
 * never defined), so with a and b defined from index w the first possible signal is at w + 1.
 * A touch (d = 0) followed by a move to the other side counts as a cross; a touch and
 * return does not.
 *
 * `out` receives the signals, every index written (default: a new array). It may be `a` or `b`
 * itself: their values at t are read before the signal at t is written, so a caller done with
 * an input keeps one column fewer (8 MB for a million bars).
 */
export function crossover(a: Float64Array, b: Float64Array, out: Float64Array = new Float64Array(a.length)): Float64Array {
  assertSameLength(a, b, out);
  let nzd = NaN;
  let seeded = false;
  for (let t = 0; t < a.length; t++) {
    const at = a[t];
    const bt = b[t];
    const d = at - bt;
    if (!seeded) {
      out[t] = NaN;
      if (Number.isNaN(d)) continue;
      nzd = d;
      seeded = true;
      continue;
    }
    out[t] = nzd < 0 && at > bt ? 1 : nzd > 0 && at < bt ? -1 : 0;
    if (d !== 0) nzd = d;
  }
  return out;
}
