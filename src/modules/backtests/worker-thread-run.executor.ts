import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BacktestResult } from '../../core/engine/backtest-result';
import { ResolvedRun, RunMetrics } from '../../core/engine/execute-backtest';
import { RunSpec } from '../../core/engine/run-spec';
import { BarSeries } from '../../core/market/bar-series';
import { packageRoot } from '../config/package-root';
import { MarketInputs } from '../../core/market/market-inputs';
import { ExecutedRun, RunExecutor } from './run-executor';
import type { RunOutputs, RunOutputsInput } from './run-outputs';

/** What a run worker is started with (`workerData`). */
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
  | { type: 'done'; result: BacktestResult; metrics: RunMetrics; outputs?: RunOutputs }
  | { type: 'error'; name: string; message: string };

export interface WorkerThreadRunExecutorOptions {
  /** The worker script (default: `run.worker.js` beside this file in dist/). */
  workerPath?: string;
  /** Runs executing at once; the others wait for a free worker (default: cores − 1, at least 1). */
  maxWorkers?: number;
}

/**
 * Runs the pure engine in a `worker_threads` Worker, one worker per run, so a long run does
 * not block the thread that serves requests; the run's outputs (result hash, report, artifact
 * files), when asked for, are made there too. The series is copied to the worker; the result's
 * per-bar arrays are transferred back. Aborting `signal` terminates the worker and rejects with
 * the signal's reason. At most `maxWorkers` runs execute at once; the others wait in call order.
 */
export class WorkerThreadRunExecutor extends RunExecutor {
  readonly workerPath: string;
  readonly maxWorkers: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(options: WorkerThreadRunExecutorOptions = {}) {
    super();
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.maxWorkers = options.maxWorkers ?? Math.max(1, availableParallelism() - 1);
    if (!Number.isInteger(this.maxWorkers) || this.maxWorkers < 1) throw new RangeError(`maxWorkers must be a positive integer, got ${this.maxWorkers}`);
  }

  get concurrency(): number {
    return this.maxWorkers;
  }

  /** Runs executing now. */
  get running(): number {
    return this.active;
  }

  async execute(
    resolved: ResolvedRun,
    series: BarSeries,
    inputs: MarketInputs,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
    outputs?: RunOutputsInput,
  ): Promise<ExecutedRun> {
    signal?.throwIfAborted();
    if (!existsSync(this.workerPath)) {
      throw new Error(`the run worker ${this.workerPath} is missing: build the project first (npm run build)`);
    }
    await this.acquire(signal);
    try {
      const done = await this.runWorker({ kind: 'tradinggroup-run', spec: resolved.spec, series: plainSeries(series), inputs, outputs }, onProgress, signal);
      return { resolved, result: done.result, metrics: done.metrics, ...(done.outputs && { outputs: done.outputs }) };
    } finally {
      this.release();
    }
  }

  private runWorker(data: RunWorkerData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Extract<RunWorkerMessage, { type: 'done' }>> {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const worker = new Worker(this.workerPath, { workerData: data });
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = () => {
        finish(() => reject(signal!.reason));
        void worker.terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (message: RunWorkerMessage) => {
        if (message.type === 'progress') {
          if (!settled) onProgress(message.fraction);
        } else if (message.type === 'done') {
          finish(() => resolve(message));
        } else {
          const error = new Error(message.message);
          error.name = message.name;
          finish(() => reject(error));
        }
      });
      worker.on('error', (error) => finish(() => reject(error)));
      worker.on('exit', (code) => finish(() => reject(new Error(`the run worker stopped (exit code ${code}) before it finished`))));
    });
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (this.active < this.maxWorkers) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

/** The series as plain typed arrays (a loader may hand out an object with methods or getters). */
function plainSeries(s: BarSeries): BarSeries {
  return {
    symbol: s.symbol,
    length: s.length,
    time: s.time,
    open: s.open,
    high: s.high,
    low: s.low,
    close: s.close,
    volume: s.volume,
    tradingDay: s.tradingDay,
  };
}

/**
 * `run.worker.js` beside this file. Node cannot start a `.ts` worker, so when this file runs
 * from sources (ts-jest) the compiled worker in dist/ is used.
 */
export function defaultWorkerPath(): string {
  if (__filename.endsWith('.ts')) return join(packageRoot(), 'dist', 'src', 'modules', 'backtests', 'run.worker.js');
  return join(__dirname, 'run.worker.js');
}
