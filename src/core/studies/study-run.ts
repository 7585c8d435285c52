import { executeBacktest, resolveRun, RunMetrics } from '../engine/execute-backtest';
import { RunSpec } from '../engine/run-spec';
import { runNotes } from '../engine/trace-notes';
import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { returnMoments, ReturnMoments } from './return-moments';

/**
 * What a study keeps of one run: its metrics (those of a single backtest of the spec), its return
 * moments and its notes (what it lacked or did differently, as a single backtest reports them).
 */
export interface StudyRunOutcome {
  metrics: RunMetrics;
  returns: ReturnMoments;
  notes: string[];
}

/**
 * One run of a study: the spec (validated, as a `backtest` would store it) on its loaded series
 * through the same resolve → engine → metrics path as a single backtest, so the metrics are the
 * same to the last bit. `inputNotes` are what loading its inputs noted (no news for the symbol,
 * say). Nothing else of the run (equity, trades, trace) leaves this function.
 */
export function executeStudyRun(spec: RunSpec, series: BarSeries, inputs: MarketInputs = NO_MARKET_INPUTS, inputNotes: readonly string[] = []): StudyRunOutcome {
  const executed = executeBacktest(resolveRun(spec), series, {}, inputs);
  return { metrics: executed.metrics, returns: returnMoments(executed.result, spec.riskFreeRate), notes: runNotes(inputNotes, executed.result) };
}
