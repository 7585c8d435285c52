import { smma } from './moving-average.indicator';
import { assertPeriod, assertSameLength, nanArray } from './period-guard';

/**
 * True range: TR(t) = max(high(t), close(t−1)) − min(low(t), close(t−1)), in price units.
 * Defined from index 1; NaN at index 0 (no previous close).
 */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  assertSameLength(high, low, close);
  const out = nanArray(high.length);
  for (let t = 1; t < high.length; t++) {
    const pc = close[t - 1];
    out[t] = Math.max(high[t], pc) - Math.min(low[t], pc);
  }
  return out;
}

/**
 * Wilder's average true range (backtrader's ATR, used by FINSABER): the first value, at index
 * `period`, is the simple mean of TR over indices 1..period; after that
 * ATR(t) = ATR(t−1)·(1 − 1/p) + TR(t)·(1/p). technicalindicators' ATR uses the same seed and
 * recursion, written as ATR(t−1) + (TR(t) − ATR(t−1))/p, so the two agree up to rounding.
 */
export function atrWilder(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  return smma(trueRange(high, low, close), period);
}
