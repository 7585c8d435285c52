import { rollingStdBacktrader, rollingStdPop } from './deviation.indicator';
import { sma } from './moving-average.indicator';

/** Bollinger bands: all three lines NaN until index period - 1. */
export interface BollingerBands {
  mid: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

/** Which rounding of the population standard deviation the bands use. */
export type DeviationFlavour = 'population' | 'backtrader';

/**
 * Bollinger bands: mid = SMA(period) of `close`, upper/lower = mid ± k·sd, where sd is the
 * population standard deviation of the same window. `deviation` picks its arithmetic:
 * 'population' (two-pass, as technicalindicators) or 'backtrader' (sqrt(|E[x²] − E[x]²|),
 * as backtrader and therefore FINSABER compute it).
 */
export function bollinger(
  close: Float64Array,
  period: number,
  k: number,
  deviation: DeviationFlavour = 'population',
): BollingerBands {
  const mid = sma(close, period);
  const sd = deviation === 'backtrader' ? rollingStdBacktrader(close, period) : rollingStdPop(close, period);
  const upper = new Float64Array(close.length);
  const lower = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) {
    const band = k * sd[t];
    upper[t] = mid[t] + band;
    lower[t] = mid[t] - band;
  }
  return { mid, upper, lower };
}
