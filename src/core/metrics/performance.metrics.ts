import { ordersOf, tradesOf } from '../engine/record-list';
import { BacktestResult } from '../engine/backtest-result';
import { maxDrawdown } from './drawdown.metric';
import { ExactSum } from '../indicators/exact-sum';
import { mean } from './series-stats';
import { avgHoldingBars, profitFactor, winRate } from './trade-stats.metric';

/** Assumptions of the default metrics. */
export interface MetricsOptions {
  /** Annual risk-free rate as a fraction (default 0.03). */
  riskFreeRate?: number;
  /** Bars per year used to annualise (default 252). */
  periodsPerYear?: number;
}

/**
 * The default ("sane") performance metrics of one run. Returns and rates are fractions, not
 * percents; null marks a value that is undefined for this run. N is the number of window bars.
 */
export interface PerformanceMetrics {
  /** Window bars N. */
  bars: number;
  /** Equity at the last bar's close (the initial cash when N = 0). */
  finalEquity: number;
  /** CR = E_{N−1} / initialCash − 1. */
  totalReturn: number | null;
  /** ARR = (1 + CR)^(periodsPerYear / N) − 1 (−1 once equity reached 0). */
  annualReturn: number | null;
  /**
   * mean(e) / sampleStd(e) · √periodsPerYear on excess returns e; 0 when the std is 0 or N < 2;
   * null once the equity reached zero (no ratio is taken over a wiped-out account).
   */
  sharpe: number | null;
  /** mean(e) / sqrt(mean(min(e, 0)²)) · √periodsPerYear; null when that downside deviation is 0. */
  sortino: number | null;
  /** min_t (E_t / peak_t − 1) with the peak starting at the initial cash: ≤ 0. */
  maxDrawdown: number | null;
  /** annualReturn / |maxDrawdown|; null when maxDrawdown is 0. */
  calmar: number | null;
  /** sampleStd(r) · √periodsPerYear; null when N < 2. */
  annualVolatility: number | null;
  /** Share of trades with pnl > 0; null without trades. */
  winRate: number | null;
  /** Gross profit / |gross loss|; null when no trade lost. */
  profitFactor: number | null;
  tradeCount: number;
  /** Fraction of bars closing with a nonzero position. */
  exposure: number | null;
  /** Traded value of filled orders / mean equity, annualised (× periodsPerYear / N). */
  turnover: number | null;
  /** Mean bars held per trade; null without trades. */
  avgHoldingBars: number | null;
}

/** What the default metrics read of a run: a benchmark series need not make up the rest of a result. */
export type MetricsInput = Pick<BacktestResult, 'equity' | 'initialCash' | 'position' | 'orders' | 'trades' | 'ledgerColumns'>;

/** Short name for the default metric set. */

/**
 * Computes the default metrics. Returns r_t = E_t / E_{t−1} − 1 for t = 0..N−1 with
 * E_{−1} = initialCash; the per-bar risk-free rate is (1 + rf)^(1 / periodsPerYear) − 1 and
 * excess returns are e_t = r_t − rf_bar. Since a constant shift leaves a deviation unchanged,
 * sampleStd(e) is taken as sampleStd(r), which is exactly 0 on a flat curve.
 */
export function computeMetrics(result: MetricsInput, options: MetricsOptions = {}): PerformanceMetrics {
  const rf = options.riskFreeRate ?? 0.03;
  const ppy = options.periodsPerYear ?? 252;
  const { equity, initialCash } = result;
  const trades = tradesOf(result);
  const n = equity.length;
  const tradeStats = {
    winRate: winRate(trades),
    profitFactor: profitFactor(trades),
    tradeCount: trades.length,
    avgHoldingBars: avgHoldingBars(trades),
  };
  if (n === 0) {
    return {
      bars: 0, finalEquity: initialCash, totalReturn: null, annualReturn: null, sharpe: 0, sortino: null,
      maxDrawdown: null, calmar: null, annualVolatility: null, exposure: null, turnover: null, ...tradeStats,
    };
  }

  const rfBar = Math.pow(1 + rf, 1 / ppy) - 1;
  const moments = returnMoments(equity, initialCash, rfBar);
  const meanExcess = moments.meanExcess;
  // Deviations below 1e-12 a bar are rounding (cash earning the risk-free rate compounds with
  // last-digit differences): the curve is flat, and no ratio is taken over them.
  const std = n < 2 ? 0 : flat(moments.std);
  const downsideDev = flat(Math.sqrt(moments.downside / n));

  const totalReturn = equity[n - 1] / initialCash - 1;
  const annualReturn = 1 + totalReturn <= 0 ? -1 : Math.pow(1 + totalReturn, ppy / n) - 1;
  const mdd = maxDrawdown(equity, initialCash);
  // Returns through an equity at or below zero mean nothing (their signs flip): no ratios then.
  let wiped = false;
  for (let i = 0; i < n; i++) if (!(equity[i] > 0)) wiped = true;
  if (wiped) {
    return {
      bars: n, finalEquity: equity[n - 1], totalReturn, annualReturn: -1, sharpe: null, sortino: null, maxDrawdown: mdd, calmar: null,
      annualVolatility: null, exposure: exposure(result.position), turnover: null, ...tradeStats,
    };
  }

  return {
    bars: n,
    finalEquity: equity[n - 1],
    totalReturn,
    annualReturn,
    sharpe: std > 0 ? (meanExcess / std) * Math.sqrt(ppy) : 0,
    sortino: downsideDev > 0 ? (meanExcess / downsideDev) * Math.sqrt(ppy) : null,
    maxDrawdown: mdd,
    calmar: mdd < 0 ? annualReturn / -mdd : null,
    annualVolatility: n < 2 ? null : std * Math.sqrt(ppy),
    exposure: exposure(result.position),
    turnover: turnover(result, mean(equity), ppy / n),
    ...tradeStats,
  };
}

/**
 * The moments of the returns r_t = E_t / E_{t−1} − 1 (E_{−1} = `start`) that the metrics use,
 * each bit for bit what `simpleReturns`, `mean`, `sampleStd` and a sum of squares over its own
 * array give, but in two passes over the equity with no array of returns: a return is the same
 * double however often it is computed. `std` is NaN for fewer than two bars.
 */
function returnMoments(equity: ArrayLike<number>, start: number, rfBar: number): { meanExcess: number; std: number; downside: number } {
  const n = equity.length;
  const excessSum = new ExactSum();
  // variance() sums deviations from the first value exactly, then the squares of those less their mean.
  const shiftedSum = new ExactSum();
  const shift = equity[0] / start - 1;
  let downside = 0;
  let prev = start;
  for (let t = 0; t < n; t++) {
    const r = equity[t] / prev - 1;
    prev = equity[t];
    const e = r - rfBar;
    excessSum.add(e);
    if (e < 0) downside += e * e;
    shiftedSum.add(r - shift);
  }
  let std = NaN;
  if (n >= 2) {
    const m = shiftedSum.value() / n;
    let ss = 0;
    prev = start;
    for (let t = 0; t < n; t++) {
      const r = equity[t] / prev - 1;
      prev = equity[t];
      const d = r - shift - m;
      ss += d * d;
    }
    std = Math.sqrt(ss / (n - 1));
  }
  return { meanExcess: excessSum.value() / n, std, downside };
}

function flat(deviation: number): number {
  return deviation < 1e-12 ? 0 : deviation;
}

function exposure(position: Float64Array): number | null {
  if (position.length === 0) return null;
  let held = 0;
  for (let i = 0; i < position.length; i++) if (position[i] !== 0) held++;
  return held / position.length;
}

function turnover(result: MetricsInput, meanEquity: number, annualise: number): number | null {
  if (!(meanEquity > 0)) return null;
  let traded = 0;
  const orders = ordersOf(result);
  for (let i = 0; i < orders.length; i++) {
    const o = orders.at(i)!;
    if (o.status === 'filled') traded += Math.abs(o.filledQty * o.price);
  }
  return (traded / meanEquity) * annualise;
}
