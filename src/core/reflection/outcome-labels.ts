import { ForecastLabel } from '../agents/forecast/forecast.types';

/**
 * The forecast label of the paper: w_hit = sign_ok · tanh(|pct| / ε) · p_true, where pct is the
 * realised return, a move within ±ε counts as sideways, sign_ok is +1 when the predicted class is
 * the realised one and −1 otherwise, and p_true is the probability given to the realised class.
 */
export interface ForecastLabelValue {
  pct: number;
  epsilon: number;
  realised: ForecastLabel;
  signOk: 1 | -1;
  pTrue: number;
  wHit: number;
}

/** The forecast label of a prediction, written into `into` when given (a new object otherwise). */
export function forecastLabel(
  predicted: ForecastLabel,
  probabilities: { pUp: number; pDown: number; pSideways: number },
  pct: number,
  epsilon: number,
  into?: ForecastLabelValue,
): ForecastLabelValue {
  const realised: ForecastLabel = pct > epsilon ? 'up' : pct < -epsilon ? 'down' : 'sideways';
  const pTrue = realised === 'up' ? probabilities.pUp : realised === 'down' ? probabilities.pDown : probabilities.pSideways;
  const signOk = predicted === realised ? 1 : -1;
  const wHit = signOk * Math.tanh(Math.abs(pct) / epsilon) * pTrue;
  if (!into) return { pct, epsilon, realised, signOk, pTrue, wHit };
  into.pct = pct;
  into.epsilon = epsilon;
  into.realised = realised;
  into.signOk = signOk;
  into.pTrue = pTrue;
  into.wHit = wHit;
  return into;
}

/** ε = max(alpha · mean |log r| over the last 20 days, epsilonMin). */
export function labelEpsilon(meanAbsLogReturn20: number, alpha: number, epsilonMin: number): number {
  return Number.isFinite(meanAbsLogReturn20) ? Math.max(alpha * meanAbsLogReturn20, epsilonMin) : epsilonMin;
}

/** Reward of one action: r_eq − beta · r_bm − gamma · c_a. */
export function actionReward(equityReturn: number, benchmarkReturn: number, commissionShare: number, beta: number, gamma: number): number {
  return equityReturn - beta * benchmarkReturn - gamma * commissionShare;
}
