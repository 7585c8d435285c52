import { rollingMax, rollingMin, rsiWilder, simplifiedAtr, sma } from '../../indicators';
import { BarSeries } from '../../market/bar-series';
import { seriesMemo } from '../../market/series-memo';
import { ForecastFeatures } from './forecast.types';

/** The indicator columns the features are read from, one value per bar. */
interface FeatureColumns {
  rsi: Float64Array;
  sma20: Float64Array;
  high20: Float64Array;
  low20: Float64Array;
  priorHigh20: Float64Array;
  atr20: Float64Array;
  logReturn: Float64Array;
  meanAbsReturn20: Float64Array;
}

/**
 * The forecasting features of every bar, from causal indicators: the value at index t uses bars
 * up to t only. The indicator columns are computed once per series ({@link seriesMemo}) and
 * shared by every table on it, read-only.
 */
export class ForecastFeatureTable {
  readonly rsi: Float64Array;
  readonly sma20: Float64Array;
  readonly high20: Float64Array;
  readonly low20: Float64Array;
  /** Highest high of the 20 bars before t (for the new-high test). */
  readonly priorHigh20: Float64Array;
  readonly atr20: Float64Array;
  readonly logReturn: Float64Array;
  /** Mean |log return| of the last 20 bars (for ε). */
  readonly meanAbsReturn20: Float64Array;
  /** The last bar `at` was asked for, and its features. */
  private lastAt = -1;
  private lastFeatures: ForecastFeatures | null = null;

  constructor(private readonly bars: BarSeries) {
    const c = seriesMemo(bars).get('forecast-features', () => featureColumns(bars));
    this.rsi = c.rsi;
    this.sma20 = c.sma20;
    this.high20 = c.high20;
    this.low20 = c.low20;
    this.priorHigh20 = c.priorHigh20;
    this.atr20 = c.atr20;
    this.logReturn = c.logReturn;
    this.meanAbsReturn20 = c.meanAbsReturn20;
  }

  /** True once every feature is defined at t. */
  ready(t: number): boolean {
    return t >= 21 && !Number.isNaN(this.rsi[t]) && !Number.isNaN(this.atr20[t]) && !Number.isNaN(this.priorHigh20[t]);
  }

  /** The features at bar t (the same object for the same bar twice running: the strategy and the forecaster both read it). */
  at(t: number): ForecastFeatures {
    if (t === this.lastAt && this.lastFeatures !== null) return this.lastFeatures;
    const close = this.bars.close;
    const atr = this.atr20[t];
    this.lastAt = t;
    return (this.lastFeatures = {
      rsi14: this.rsi[t],
      smaDeviation: close[t] / this.sma20[t] - 1,
      distanceToHigh: close[t] / this.high20[t] - 1,
      distanceToLow: close[t] / this.low20[t] - 1,
      simplifiedAtr20: atr,
      breakoutThreshold: Math.max(0.01, (0.5 * atr) / 100),
      newHigh: close[t] >= this.priorHigh20[t],
      return1: this.logReturn[t],
      return5: Math.log(close[t] / close[t - 5]),
    });
  }

  /** The model's input vector: features scaled to comparable magnitudes. */
  vector(f: ForecastFeatures, out: Float64Array): Float64Array {
    const vol = Math.max(f.simplifiedAtr20 / 100, 1e-4);
    out[0] = (f.rsi14 - 50) / 50;
    out[1] = f.smaDeviation / vol;
    out[2] = f.distanceToHigh / vol;
    out[3] = f.distanceToLow / vol;
    out[4] = f.return1 / vol;
    out[5] = f.return5 / vol;
    out[6] = f.newHigh ? 1 : 0;
    return out;
  }
}

export const FEATURE_COUNT = 7;

function featureColumns(bars: BarSeries): FeatureColumns {
  const { close, high, low } = bars;
  const n = bars.length;
  const high20 = rollingMax(high, 20);
  const priorHigh20 = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) priorHigh20[t] = high20[t - 1];
  const logReturn = new Float64Array(n).fill(NaN);
  const abs = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) {
    logReturn[t] = Math.log(close[t] / close[t - 1]);
    abs[t] = Math.abs(logReturn[t]);
  }
  return {
    rsi: rsiWilder(close, 14),
    sma20: sma(close, 20),
    high20,
    low20: rollingMin(low, 20),
    priorHigh20,
    atr20: simplifiedAtr(close, 20),
    logReturn,
    meanAbsReturn20: sma(abs, 20),
  };
}
