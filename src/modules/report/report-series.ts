/**
 * Series the report derives from the run's equity and prices. Pure functions over plain arrays;
 * a value that cannot be computed is NaN (serialised as null, drawn as a gap).
 */

/**
 * Buy-and-hold benchmark: the initial cash invested at the first bar's close and marked at every
 * close, B_t = initialCash × close_t / close_0 (no costs, fractional shares). All NaN when
 * close_0 is not a positive number.
 */
export function buyAndHoldSeries(close: ArrayLike<number>, initialCash: number): Float64Array {
  const c0 = close[0];
  const out = new Float64Array(close.length);
  if (!(c0 > 0)) return out.fill(NaN);
  for (let i = 0; i < close.length; i++) out[i] = (initialCash * close[i]) / c0;
  return out;
}

/**
 * Drawdown of an equity curve as a fraction ≤ 0: DD_t = E_t / P_t − 1 with the running peak
 * P_t = max(P_{t−1}, E_t) and P_{−1} = initialCash (as the default max-drawdown metric).
 * A NaN value leaves the peak unchanged and gives NaN. Given `at` (ascending bar indices), only
 * the drawdowns of those bars, each from the peak over every bar before it: a long run's chart
 * samples them without a drawdown per bar being kept.
 */
export function drawdownSeries(equity: ArrayLike<number>, initialCash: number, at?: readonly number[]): Float64Array {
  const out = new Float64Array(at ? at.length : equity.length);
  let peak = initialCash;
  let k = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    let dd = NaN;
    if (Number.isFinite(e)) {
      if (e > peak) peak = e;
      dd = peak > 0 ? e / peak - 1 : NaN;
    }
    if (!at) out[i] = dd;
    else if (at[k] === i) {
      out[k++] = dd;
      if (k === at.length) break;
    }
  }
  return out;
}

/** Epoch seconds at 00:00 UTC of an ISO day (uPlot's time unit), NaN when it is not a date. */
export function isoDayToSeconds(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000;
}

