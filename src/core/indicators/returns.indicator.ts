import { rollingStdPop } from './deviation.indicator';
import { nanArray } from './period-guard';

/** Log returns ln(close(t) / close(t−1)); NaN at index 0. Units: natural-log fraction per bar. */
export function logReturns(close: Float64Array): Float64Array {
  const out = nanArray(close.length);
  for (let t = 1; t < close.length; t++) out[t] = Math.log(close[t] / close[t - 1]);
  return out;
}

/**
 * "Simplified ATR" of the forecasting agent: 100 × the population standard deviation of the
 * last `period` daily log returns, i.e. a per-bar volatility in percent. Despite the name it
 * uses closes only. First value at index `period` (the returns start at index 1).
 */
export function simplifiedAtr(close: Float64Array, period = 20): Float64Array {
  const sd = rollingStdPop(logReturns(close), period);
  for (let t = 0; t < sd.length; t++) sd[t] *= 100;
  return sd;
}
