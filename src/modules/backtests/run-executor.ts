import { ExecutedBacktest, executeBacktest, ResolvedRun } from '../../core/engine/execute-backtest';
import { BarSeries } from '../../core/market/bar-series';
import { MarketInputs } from '../../core/market/market-inputs';
import type { EncodedRunSeries } from '../persistence/run-series.store';
import type { RunOutputs, RunOutputsInput } from './run-outputs';

/** An executed run, with its outputs when they were asked for. */
export interface ExecutedRun extends ExecutedBacktest {
  outputs?: RunOutputs;
  /**
   * Its series encoded for storing, when the executor made it with the outputs: the result's
   * trace is then not carried (`result.trace` is empty), it is in the series.
   */
  series?: EncodedRunSeries;
}

/**
 * Runs the pure engine for the backtest service. The in-process executor suits the CLI; the
 * API swaps in one that runs off the request thread. `signal` asks for cancellation. Given
 * `outputs`, an executor that runs the engine off the calling thread also makes the run's
 * outputs (manifest, result hash, report and artifact files: `prepareRunOutputs`) there.
 */
export abstract class RunExecutor {
  /** Runs it executes at once: the BacktestService admits that many and queues the others. */
  abstract readonly concurrency: number;

  abstract execute(
    resolved: ResolvedRun,
    series: BarSeries,
    inputs: MarketInputs,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
    outputs?: RunOutputsInput,
  ): Promise<ExecutedRun>;
}

/**
 * Runs the engine on the calling thread (it cannot be interrupted mid-run). It leaves the
 * outputs to the run pipeline, which starts a long run's equity.csv on a thread of its own
 * before it makes the others on this one.
 */
export class InProcessRunExecutor extends RunExecutor {
  readonly concurrency = 1;

  async execute(resolved: ResolvedRun, series: BarSeries, inputs: MarketInputs, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ExecutedRun> {
    signal?.throwIfAborted();
    return executeBacktest(resolved, series, { onProgress }, inputs);
  }
}
