/** Features of the forecasting agent at one bar (the paper's set plus short momentum). */
export interface ForecastFeatures {
  rsi14: number;
  /** close / SMA20 − 1. */
  smaDeviation: number;
  /** close / highest high of the last 20 bars − 1 (≤ 0). */
  distanceToHigh: number;
  /** close / lowest low of the last 20 bars − 1 (≥ 0). */
  distanceToLow: number;
  /** 100 · population std of the last 20 daily log returns. */
  simplifiedAtr20: number;
  /** max(1%, 0.5 · SimplifiedATR20 / 100), as a fraction. */
  breakoutThreshold: number;
  /** The close is at or above the highest high of the previous 20 bars. */
  newHigh: boolean;
  /** Last daily log return. */
  return1: number;
  /** Log return over the last 5 bars. */
  return5: number;
}

export type ForecastLabel = 'up' | 'down' | 'sideways';

/** The classes in code order (an index into this list stands for a class in typed columns). */
export const FORECAST_LABELS: readonly ForecastLabel[] = ['up', 'down', 'sideways'];

/** Output of the forecasting agent: next-day direction probabilities and a label. */
export interface Forecast {
  pUp: number;
  pDown: number;
  pSideways: number;
  label: ForecastLabel;
  /** Why the label differs from the most probable class, if it does. */
  gate: 'none' | 'overbought-without-breakout' | 'below-up-threshold';
  /** Threshold ε used to call a move sideways (fraction). */
  epsilon: number;
  /** Training examples the model had seen (all labelled before this bar). */
  trainedOn: number;
  /** The class frequencies known at the decision (the forecast without skill). */
  baseUp: number;
  baseDown: number;
  baseSideways: number;
  /** The model's weight against the base rates in pUp, pDown, pSideways (walk-forward calibration; 1 for a language model's). */
  modelWeight: number;
  features: ForecastFeatures;
}
