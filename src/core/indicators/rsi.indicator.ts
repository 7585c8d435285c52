import { smma } from './moving-average.indicator';
import { assertPeriod, nanArray } from './period-guard';

/**
 * Wilder's relative strength index in [0, 100]. Gains and losses are the positive and
 * negative parts of close(t) − close(t−1); their Wilder averages are seeded with the simple
 * mean over indices 1..period, so the first value sits at index `period`. As in
 * technicalindicators: 100 when the average loss is 0 (also on a flat series), 0 when the
 * average gain is 0. Unlike technicalindicators, values are not rounded to 2 decimals.
 */
export function rsiWilder(close: Float64Array, period: number): Float64Array {
  assertPeriod(period);
  const n = close.length;
  const gains = nanArray(n);
  const losses = nanArray(n);
  for (let t = 1; t < n; t++) {
    const d = close[t] - close[t - 1];
    gains[t] = d > 0 ? d : Number.isNaN(d) ? NaN : 0;
    losses[t] = d < 0 ? -d : Number.isNaN(d) ? NaN : 0;
  }
  const avgGain = smma(gains, period);
  const avgLoss = smma(losses, period);
  const out = nanArray(n);
  for (let t = 0; t < n; t++) {
    const g = avgGain[t];
    const l = avgLoss[t];
    if (Number.isNaN(g) || Number.isNaN(l)) continue;
    out[t] = l === 0 ? 100 : g === 0 ? 0 : 100 - 100 / (1 + g / l);
  }
  return out;
}
