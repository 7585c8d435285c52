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
  if (!(std > 0) || !(m2 > 0)) return { n, sharpePerBar: 0, skewness: null, kurtosis: null };
  return { n, sharpePerBar: (m - rfBar) / std, skewness: m3 / Math.pow(m2, 1.5), kurtosis: m4 / (m2 * m2) };
}
