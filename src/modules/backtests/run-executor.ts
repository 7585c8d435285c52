import { ExecutedBacktest, executeBacktest, ResolvedRun } from '../../core/engine/execute-backtest';
import { BarSeries } from '../../core/market/bar-series';
import { MarketInputs } from '../../core/market/market-inputs';

/**
 * Runs the pure engine for the backtest service. The in-process executor suits the CLI; the
 * API swaps in one that runs off the request thread. `signal` asks for cancellation.
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
  ): Promise<ExecutedBacktest>;
}

/** Runs the engine on the calling thread (it cannot be interrupted mid-run). */
export class InProcessRunExecutor extends RunExecutor {
  readonly concurrency = 1;

  async execute(resolved: ResolvedRun, series: BarSeries, inputs: MarketInputs, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ExecutedBacktest> {
    signal?.throwIfAborted();
    return executeBacktest(resolved, series, { onProgress }, inputs);
  }
}
