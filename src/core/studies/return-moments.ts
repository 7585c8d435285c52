import { BacktestResult } from '../engine/backtest-result';
import { mean, sampleStd, simpleReturns } from '../metrics';

/**
 * What the deflated Sharpe ratio needs of a run's per-bar excess returns (over the same per-bar
 * risk-free rate as the Sharpe metric): their count, the Sharpe ratio per bar (not annualised),
 * and the skewness and kurtosis (not excess: 3 for a normal distribution) as population moments.
 * Null moments where the returns do not vary.
 */
export interface ReturnMoments {
  n: number;
  sharpePerBar: number;
  skewness: number | null;
  kurtosis: number | null;
}

/** A per-bar deviation below this is rounding, not movement (the Sharpe metric's own threshold). */
const FLAT_DEVIATION = 1e-12;

export function returnMoments(result: BacktestResult, riskFreeRate: number, periodsPerYear = 252): ReturnMoments {
  const n = result.equity.length;
  if (n < 2) return { n, sharpePerBar: 0, skewness: null, kurtosis: null };
  const r = simpleReturns(result.equity, result.initialCash);
  const rfBar = Math.pow(1 + riskFreeRate, 1 / periodsPerYear) - 1;
  const m = mean(r);
  const std = sampleStd(r);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = r[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  // As in the Sharpe metric: deviations below 1e-12 a bar are rounding (cash earning the
  // risk-free rate), so the curve is flat; and returns through an equity at or below zero mean nothing.
  let wiped = false;
  for (let i = 0; i < n; i++) if (!(result.equity[i] > 0)) wiped = true;
  if (!(std >= FLAT_DEVIATION) || !(m2 > 0) || wiped) return { n, sharpePerBar: 0, skewness: null, kurtosis: null };
  return { n, sharpePerBar: (m - rfBar) / std, skewness: m3 / Math.pow(m2, 1.5), kurtosis: m4 / (m2 * m2) };
}
