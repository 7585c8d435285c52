import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ResolvedRun } from '../../core/engine/execute-backtest';
import { BarSeries } from '../../core/market/bar-series';
import { threadEntry } from '../config/package-root';
import { MarketInputs } from '../../core/market/market-inputs';
import { ExecutedRun, RunExecutor } from './run-executor';
import type { EncodedRunSeries } from '../persistence/run-series.store';
import type { RunOutputsInput } from './run-outputs';
import { RUN_THREAD, RunThreadData, RunWorkerData, RunWorkerMessage } from './run-thread-messages';

export interface WorkerThreadRunExecutorOptions {
  /** The worker script (default: `run.worker.js` beside this file in dist/). */
  workerPath?: string;
  /** Runs executing at once; the others wait for a free worker (default: cores − 1, at least 1). */
  maxWorkers?: number;
}

/** How long a thread with no run to execute is kept for the next one. */
export const IDLE_THREAD_MS = 30_000;

/**
 * How long a thread whose run was stopped has to answer (it checks every few bars, and between
 * the steps after the engine) before it is terminated instead.
 */
export const STOP_GRACE_MS = 300;

/** A run thread and the flag that stops its run. */
interface RunThread {
  worker: Worker;
  stopFlag: Int32Array;
}

/**
 * Runs the pure engine in a `worker_threads` Worker, one run at a time per thread, so a long run
 * does not block the thread that serves requests; the run's outputs (result hash, report,
 * artifact files) and its series encoded for storing, when asked for, are made there too, so
 * the serving thread only writes bytes. The series is copied to the thread; the
 * result's per-bar arrays are transferred back. A thread that finished a run is kept for the
 * next one (for {@link IDLE_THREAD_MS}): starting a thread and loading the engine, the report
 * and their modules cost more CPU than a run of a few thousand bars. Aborting `signal` sets the
 * thread's stop flag, which its run reads every few bars, and rejects with the signal's reason
 * once the thread has stopped; the thread is kept (compiling a new one's code would compete
 * with the serving thread), unless it does not answer within {@link STOP_GRACE_MS}: then it is
 * terminated. At most `maxWorkers` runs execute at once; the others wait
 * in call order.
 */
export class WorkerThreadRunExecutor extends RunExecutor {
  readonly workerPath: string;
  readonly maxWorkers: number;
  private active = 0;
  private started = 0;
  private readonly waiting: Array<() => void> = [];
  /** Threads waiting for a run; `release` stops the timer that ends one when none comes. */
  private readonly idle: Array<{ thread: RunThread; release(): void }> = [];

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

  /** Threads started so far (one is kept between runs, also after a run it stopped). */
  get threadsStarted(): number {
    return this.started;
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
      return { resolved, result: done.result, metrics: done.metrics, ...(done.outputs && { outputs: done.outputs }), ...(done.series && { series: asBuffers(done.series) }) };
    } finally {
      this.release();
    }
  }

  private runWorker(data: RunWorkerData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Extract<RunWorkerMessage, { type: 'done' }>> {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const thread = this.takeThread();
      const { worker, stopFlag } = thread;
      let settled = false;
      let stopping = false;
      let unanswered: NodeJS.Timeout | undefined;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(unanswered);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        outcome();
      };
      // The thread stops the run at its next check and is kept; one that does not answer in time is terminated.
      const onAbort = () => {
        stopping = true;
        Atomics.store(stopFlag, 0, 1);
        unanswered = setTimeout(() => {
          finish(() => reject(signal!.reason));
          void worker.terminate();
        }, STOP_GRACE_MS);
      };
      const onMessage = (message: RunWorkerMessage) => {
        if (message.type === 'progress') {
          if (!stopping) onProgress(message.fraction);
          return;
        }
        // The run ended either way (done, failed or stopped) and the thread is free again: a run's error is posted, not thrown.
        finish(() => {
          if (stopping) reject(signal!.reason);
          else if (message.type === 'done') resolve(message);
          else {
            const error = new Error(message.message);
            error.name = message.name;
            reject(error);
          }
        });
        Atomics.store(stopFlag, 0, 0);
        this.keepThread(thread);
      };
      const onError = (error: Error) => finish(() => reject(error));
      const onExit = (code: number) => finish(() => reject(new Error(`the run worker stopped (exit code ${code}) before it finished`)));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(data);
    });
  }

  /** An idle thread, or a new one. */
  private takeThread(): RunThread {
    const kept = this.idle.pop();
    if (!kept) {
      const stopFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
      const workerData: RunThreadData = { kind: RUN_THREAD, stopFlag };
      this.started++;
      return { worker: new Worker(this.workerPath, { workerData }), stopFlag: new Int32Array(stopFlag) };
    }
    kept.release();
    kept.thread.worker.ref();
    return kept.thread;
  }

  /** Keeps a thread that finished its run for the next one; it does not keep the process alive. */
  private keepThread(thread: RunThread): void {
    const { worker } = thread;
    if (this.idle.length >= this.maxWorkers) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const drop = () => {
      const at = this.idle.indexOf(entry);
      if (at >= 0) this.idle.splice(at, 1);
    };
    const timer = setTimeout(() => {
      drop();
      void worker.terminate();
    }, IDLE_THREAD_MS).unref();
    // A thread that ends while idle is not handed a run.
    worker.once('exit', drop);
    const entry = {
      thread,
      release: () => {
        clearTimeout(timer);
        worker.off('exit', drop);
      },
    };
    this.idle.push(entry);
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

/** The compiled entry of the thread (see threadEntry). */
export function defaultWorkerPath(): string {
  return threadEntry('modules/backtests/run.worker.js');
}

/** A posted series' blocks arrive as plain Uint8Arrays: the database drivers bind Buffers. */
function asBuffers(series: EncodedRunSeries): EncodedRunSeries {
  const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    ...series,
    equity: series.equity.map(buffer),
    cases: series.cases && buffer(series.cases),
    blocks: series.blocks.map((b) => ({ ...b, data: buffer(b.data) })),
  };
}
