import { BacktestResult } from '../engine/backtest-result';
import { mean, populationStd, sampleStd, simpleReturns } from './series-stats';

/** FINSABER always annualises daily bars with 252, whatever the bars really are. */
const FINSABER_PERIODS = 252;

/** Assumptions of the FINSABER metrics. */
export interface FinsaberMetricsOptions {
  /** Annual risk-free rate as a fraction (default 0.03), used only by SPR. */
  riskFreeRate?: number;
}

/**
 * The FINSABER table columns (finsaber profile, spec section 3.6), in the published units.
 * V_1..V_N are the window's equity values and V_0 the initial cash.
 */
export interface FinsaberMetrics {
  /** Sharpe ratio (backtrader SharpeRatio): √252 · mean(e) / populationStd(e), a plain number. */
  spr: number;
  /** Cumulative return in percent: (V_N / V_0 − 1) · 100. */
  cr: number;
  /** Maximum drawdown in percent, negative (or 0): −max_t 100 · (P_t − V_t) / P_t. */
  mdd: number;
  /** Annual volatility in percent: sampleStd(q) · √252 · 100 over the post-warm-up series. */
  av: number;
  /** (1 + CR/100)^(252 / len(q)) − 1, a fraction (not in the table). */
  annualReturn: number;
}

/**
 * Computes the FINSABER metrics exactly as its harness does:
 * - SPR: r_t = V_t / V_{t−1} − 1 over all N window bars (warm-up and filler bars included,
 *   the first against V_0); e_t = r_t − rf_d with rf_d = (1 + rf)^(1/252) − 1;
 *   SPR = √252 · (mean(e) / populationStd(e)); 0 where backtrader would divide by zero.
 * - MDD: P_t = max over V_1..V_t (backtrader's DrawDown starts its peak at −∞, so V_0 is
 *   not a peak, unlike the default metrics).
 * - AV: q = pct_change of V[activeFrom..N−1] (first dropped), sample std (NaN, as pandas,
 *   when q has a single element).
 * - Zero guard: when q is empty or all 0 (the strategy never changed value), AV, SPR and
 *   annualReturn are 0.
 */
export function computeFinsaberMetrics(result: BacktestResult, options: FinsaberMetricsOptions = {}): FinsaberMetrics {
  const rf = options.riskFreeRate ?? 0.03;
  const v = result.equity;
  const n = v.length;
  const cr = n === 0 ? 0 : (v[n - 1] / result.initialCash - 1) * 100;
  const mdd = finsaberMaxDrawdown(v);

  const active = v.subarray(Math.max(0, result.activeFrom));
  const q = active.length > 1 ? simpleReturns(active.subarray(1), active[0]) : new Float64Array(0);
  if (q.every((x) => x === 0)) return { spr: 0, cr, mdd, av: 0, annualReturn: 0 };

  const rfDay = Math.pow(1 + rf, 1 / FINSABER_PERIODS) - 1;
  const excess = simpleReturns(v, result.initialCash).map((r) => r - rfDay);
  const dev = populationStd(excess);
  return {
    spr: dev > 0 ? Math.sqrt(FINSABER_PERIODS) * (mean(excess) / dev) : 0,
    cr,
    mdd,
    av: sampleStd(q) * Math.sqrt(FINSABER_PERIODS) * 100,
    annualReturn: Math.pow(1 + cr / 100, FINSABER_PERIODS / q.length) - 1,
  };
}

/** −max_t 100·(P_t − V_t)/P_t with P_t the running max of V_1..V_t; 0 (not −0) when flat. */
function finsaberMaxDrawdown(v: Float64Array): number {
  let peak = -Infinity;
  let worst = 0;
  for (let t = 0; t < v.length; t++) {
    if (v[t] > peak) peak = v[t];
    const dd = (100 * (peak - v[t])) / peak;
    if (dd > worst) worst = dd;
  }
  return worst === 0 ? 0 : -worst;
}
