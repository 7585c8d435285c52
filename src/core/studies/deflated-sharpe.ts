import { normalCdf, normalQuantile } from './normal-distribution';
import { ReturnMoments } from './return-moments';

/** The Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * The Sharpe ratio (per bar) the best of `trials` independent strategies with no skill would be
 * expected to show, given the variance of the trials' per-bar Sharpe ratios (Bailey & López de
 * Prado, "The Deflated Sharpe Ratio", 2014, eq. for SR₀). 0 for a single trial.
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (trials < 2 || !(sharpeVariance > 0)) return 0;
  const a = normalQuantile(1 - 1 / trials);
  const b = normalQuantile(1 - 1 / (trials * Math.E));
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * a + EULER_GAMMA * b);
}

/**
 * The probability that a run's true Sharpe ratio exceeds `benchmark` (per bar), given its
 * estimate's sample length, skewness and kurtosis (the probabilistic Sharpe ratio); null when
 * the returns do not vary or the variance term is not positive.
 */
export function probabilisticSharpe(run: ReturnMoments, benchmark: number): number | null {
  const { n, sharpePerBar: sr, skewness, kurtosis } = run;
  if (n < 2 || skewness === null || kurtosis === null) return null;
  const v = 1 - skewness * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(v > 0)) return null;
  return normalCdf(((sr - benchmark) * Math.sqrt(n - 1)) / Math.sqrt(v));
}

/**
 * The deflated Sharpe ratio of one run among `trials`: the probabilistic Sharpe ratio against
 * the Sharpe ratio expected of the best of that many skill-less trials. `sharpeVariance` is the
 * variance of the per-bar Sharpe ratios over all the trials.
 */
export function deflatedSharpe(run: ReturnMoments, trials: number, sharpeVariance: number): number | null {
  return probabilisticSharpe(run, expectedMaxSharpe(trials, sharpeVariance));
}
