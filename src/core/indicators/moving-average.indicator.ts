import { ExactSum } from './exact-sum';
import { assertPeriod, nanArray } from './period-guard';

/*
 * Moving averages over Float64Array series, with backtrader's arithmetic so the finsaber
 * profile reproduces FINSABER bit for bit. A non-finite input voids every window that
 * contains it: the output is NaN there and the warm-up restarts after it. With clean input
 * the first value sits at index `period - 1`.
 */

/**
 * Simple moving average: the mean of the last `period` values, with the window sum kept
 * exact (see ExactSum), so each value is the correctly rounded window sum divided by
 * `period`, exactly as backtrader's `fsum(window) / period`. O(n).
 */
export function sma(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const out = nanArray(values.length);
  const sum = new ExactSum();
  let run = 0;
  for (let t = 0; t < values.length; t++) {
    const x = values[t];
    if (!Number.isFinite(x)) {
      sum.reset();
      run = 0;
      continue;
    }
    sum.add(x);
    if (++run > period) sum.add(-values[t - period]);
    if (run >= period) out[t] = sum.value() / period;
  }
  return out;
}

/**
 * Weighted moving average: weights 1..period from oldest to newest, normalised by
 * period·(period+1)/2. Computed as backtrader does, coef · fsum(x_i · w_i) with
 * coef = 2 / (period·(period+1)). O(n·period), which is cheap for the short periods used;
 * a rolling update would round differently from backtrader.
 */
export function wma(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const out = nanArray(values.length);
  const sum = new ExactSum();
  const coef = 2 / (period * (period + 1));
  let run = 0;
  for (let t = 0; t < values.length; t++) {
    run = Number.isFinite(values[t]) ? run + 1 : 0;
    if (run < period) continue;
    sum.reset();
    const first = t - period + 1;
    for (let i = 0; i < period; i++) sum.add(values[first + i] * (i + 1));
    out[t] = coef * sum.value();
  }
  return out;
}

/**
 * Exponential smoothing with factor `alpha`, seeded with the simple mean of the first
 * `period` values (at index period - 1); then y(t) = y(t-1)·(1-alpha) + x(t)·alpha.
 */
export function expSmoothing(values: Float64Array, period: number, alpha: number): Float64Array {
  assertPeriod(period);
  const out = nanArray(values.length);
  const seed = new ExactSum();
  const alpha1 = 1 - alpha;
  let run = 0;
  let prev = NaN;
  for (let t = 0; t < values.length; t++) {
    const x = values[t];
    if (!Number.isFinite(x)) {
      seed.reset();
      run = 0;
      continue;
    }
    run++;
    if (run < period) {
      seed.add(x);
    } else if (run === period) {
      seed.add(x);
      prev = seed.value() / period;
      out[t] = prev;
    } else {
      prev = prev * alpha1 + x * alpha;
      out[t] = prev;
    }
  }
  return out;
}

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first
 * `period` values: the convention of both technicalindicators and backtrader.
 */
export function ema(values: Float64Array, period: number): Float64Array {
  return expSmoothing(values, period, 2 / (period + 1));
}

/** Wilder's smoothed moving average (SMMA, RMA): exponential smoothing with alpha = 1/period. */
export function smma(values: Float64Array, period: number): Float64Array {
  return expSmoothing(values, period, 1 / period);
}
