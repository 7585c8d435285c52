import { ExactSum } from '../indicators/exact-sum';

/** Small statistics over number sequences, shared by the metric calculators. */

/** Arithmetic mean with an exactly summed numerator (NaN when empty). */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  const s = new ExactSum();
  for (let i = 0; i < xs.length; i++) s.add(xs[i]);
  return s.value() / xs.length;
}

/**
 * Variance with `ddof` degrees of freedom removed (0 = population, 1 = sample); NaN when
 * there are not more than `ddof` values. Computed two-pass on values shifted by the first
 * one, so a constant sequence gives exactly 0 (the shift makes every deviation exactly 0).
 */
export function variance(xs: ArrayLike<number>, ddof: 0 | 1): number {
  const n = xs.length;
  if (n - ddof <= 0) return NaN;
  const shift = xs[0];
  const s = new ExactSum();
  for (let i = 0; i < n; i++) s.add(xs[i] - shift);
  const m = s.value() / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - shift - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

/** Sample standard deviation (divide by n − 1). */
export function sampleStd(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs, 1));
}

/** Population standard deviation (divide by n). */
export function populationStd(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs, 0));
}

/**
 * Simple per-bar returns r_t = v_t / v_{t−1} − 1 for t = 0..n−1, the first measured
 * against `start` (pass the initial cash).
 */
export function simpleReturns(values: ArrayLike<number>, start: number): Float64Array {
  const out = new Float64Array(values.length);
  let prev = start;
  for (let t = 0; t < values.length; t++) {
    out[t] = values[t] / prev - 1;
    prev = values[t];
  }
  return out;
}
