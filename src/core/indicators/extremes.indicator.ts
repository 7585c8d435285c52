import { assertPeriod, nanArray } from './period-guard';

/**
 * Rolling maximum of the last `period` values (backtrader's Highest), O(n) with a monotonic
 * deque of indices. First value at index period - 1; a non-finite input voids the windows
 * that contain it.
 */
export function rollingMax(values: Float64Array, period: number): Float64Array {
  return rollingExtreme(values, period, 1);
}

/** Rolling minimum of the last `period` values (backtrader's Lowest); see `rollingMax`. */
export function rollingMin(values: Float64Array, period: number): Float64Array {
  return rollingExtreme(values, period, -1);
}

/** sign = 1 keeps the maximum, -1 the minimum (comparing sign·x keeps one code path). */
function rollingExtreme(values: Float64Array, period: number, sign: 1 | -1): Float64Array {
  assertPeriod(period);
  const n = values.length;
  const out = nanArray(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let run = 0;
  for (let t = 0; t < n; t++) {
    const x = values[t];
    if (!Number.isFinite(x)) {
      head = tail = run = 0;
      continue;
    }
    run++;
    while (tail > head && sign * values[deque[tail - 1]] <= sign * x) tail--;
    deque[tail++] = t;
    if (deque[head] <= t - period) head++;
    if (run >= period) out[t] = values[deque[head]];
  }
  return out;
}
