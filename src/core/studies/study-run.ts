import { executeBacktest, resolveRun, RunMetrics } from '../engine/execute-backtest';
import { RunSpec } from '../engine/run-spec';
import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { returnMoments, ReturnMoments } from './return-moments';

/** What a study keeps of one run: its metrics (those of a single backtest of the spec) and its return moments. */
export interface StudyRunOutcome {
  metrics: RunMetrics;
  returns: ReturnMoments;
}

/**
 * One run of a study: the spec (validated, as a `backtest` would store it) on its loaded series
 * through the same resolve → engine → metrics path as a single backtest, so the metrics are the
 * same to the last bit. Nothing else of the run (equity, trades, trace) leaves this function.
 */
export function executeStudyRun(spec: RunSpec, series: BarSeries, inputs: MarketInputs = NO_MARKET_INPUTS): StudyRunOutcome {
  const executed = executeBacktest(resolveRun(spec), series, {}, inputs);
  return { metrics: executed.metrics, returns: returnMoments(executed.result, spec.riskFreeRate) };
}
