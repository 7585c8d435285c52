import type { BacktestResult } from '../../core/engine/backtest-result';
import type { RunMetrics } from '../../core/engine/execute-backtest';
import type { RunSpec } from '../../core/engine/run-spec';
import type { BarSeries } from '../../core/market/bar-series';
import type { MarketInputs } from '../../core/market/market-inputs';
import type { EncodedRunSeries } from '../persistence/run-series.store';
import type { RunOutputs, RunOutputsInput } from './run-outputs';

/*
 * What WorkerThreadRunExecutor and its run threads say to each other. Types only (and one
 * constant): a run thread reads this before it has lowered its priority, so it loads nothing.
 */

/** The `workerData` of a run thread: it then executes each run it is sent, one after another. */
export const RUN_THREAD = 'tradinggroup-run-thread';

/** What a run thread is started with. */
export interface RunThreadData {
  kind: typeof RUN_THREAD;
  /**
   * One Int32 the parent sets to 1 to stop the run in progress (the thread reads it between
   * bars and between the steps after the engine) and back to 0 once the thread has answered.
   */
  stopFlag: SharedArrayBuffer;
}

/** A run sent to a run thread. */
export interface RunWorkerData {
  kind: 'tradinggroup-run';
  spec: RunSpec;
  series: BarSeries;
  inputs: MarketInputs;
  /** When given, the worker also makes the run's outputs. */
  outputs?: RunOutputsInput;
}

/** What a run worker posts to its parent. */
export type RunWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: BacktestResult; metrics: RunMetrics; outputs?: RunOutputs; series?: EncodedRunSeries }
  | { type: 'error'; name: string; message: string };

