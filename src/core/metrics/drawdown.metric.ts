/**
 * Maximum drawdown as a negative fraction (0 when the curve never falls below a peak):
 * min_t (v_t / peak_t − 1), where peak_t is the running maximum of `startPeak` and
 * v_0..v_t. Pass the initial cash as `startPeak` so that a loss on the very first bar counts,
 * or -Infinity to take the peak over the values alone. NaN for an empty series.
 */
export function maxDrawdown(values: ArrayLike<number>, startPeak: number): number {
  if (values.length === 0) return NaN;
  let peak = startPeak;
  let worst = 0;
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    if (v > peak) peak = v;
    const dd = v / peak - 1;
    if (dd < worst) worst = dd;
  }
  return worst;
}
