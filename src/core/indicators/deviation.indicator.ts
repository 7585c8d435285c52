import { ExactSum } from './exact-sum';
import { sma } from './moving-average.indicator';
import { assertPeriod, nanArray } from './period-guard';

/**
 * Rolling population standard deviation (divide by `period`) of the last `period` values,
 * computed two-pass per window around the window's SMA, so it stays accurate even when the
 * spread is tiny against the level. O(n·period). First value at index period - 1; a
 * non-finite input voids the windows that contain it.
 */
export function rollingStdPop(values: Float64Array, period: number): Float64Array {
  const mean = sma(values, period);
  const out = nanArray(values.length);
  for (let t = period - 1; t < values.length; t++) {
    const m = mean[t];
    if (Number.isNaN(m)) continue;
    let ss = 0;
    for (let i = t - period + 1; i <= t; i++) {
      const d = values[i] - m;
      ss += d * d;
    }
    out[t] = Math.sqrt(ss / period);
  }
  return out;
}

/**
 * Backtrader's StdDev (safepow): sqrt(|mean(x²) − mean(x)²|) over the last `period` values,
 * with both means taken as fsum(window) / period. The same population deviation as
 * `rollingStdPop` up to rounding, with backtrader's rounding: the FINSABER Bollinger bands
 * use it. O(n). First value at index period - 1.
 */
export function rollingStdBacktrader(values: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const out = nanArray(values.length);
  const sum = new ExactSum();
  const sumSq = new ExactSum();
  let run = 0;
  for (let t = 0; t < values.length; t++) {
    const x = values[t];
    if (!Number.isFinite(x)) {
      sum.reset();
      sumSq.reset();
      run = 0;
      continue;
    }
    sum.add(x);
    sumSq.add(x * x);
    if (++run > period) {
      const old = values[t - period];
      sum.add(-old);
      sumSq.add(-(old * old));
    }
    if (run >= period) {
      const mean = sum.value() / period;
      const meanSq = sumSq.value() / period;
      out[t] = Math.sqrt(Math.abs(meanSq - mean * mean));
    }
  }
  return out;
}
