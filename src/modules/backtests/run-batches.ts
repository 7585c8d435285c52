import { setMaxListeners } from 'node:events';
import { ResolvedRun } from '../../core/engine/execute-backtest';
import { ArtifactWriter } from '../artifacts/artifact.writer';
import { faultPoint } from '../config/fault-points';
import { NewRun, RunRecord } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { ActiveRuns } from './active-runs';
import { BatchRunOutcome } from './batch-run.job';
import { BatchRunPool } from './batch-run.pool';
import { RunFailedError, RunStopped, stopOf } from './run-errors';
import { OwnerWatch } from './owner-watch';
import { currentOwner } from './run-owner';

/** Runs in a batch at most: few enough to spread the work, enough to keep messages and transactions few. */
const BATCH_RUNS = 8;

export interface RunBatchOptions {
  /** Worker threads (0: this thread). */
  workers: number;
  /** Called with the number of runs ended so far, after each batch. */
  onProgress?: (ended: number) => void;
  /** Aborting it cancels the runs in progress and starts no other. */
  signal?: AbortSignal;
}

export interface RunBatchesContext {
  runs: RunsRepository;
  artifacts: ArtifactWriter;
  active: ActiveRuns;
  heartbeat: OwnerWatch;
  backtestsDir: string;
  dataDir: string;
  /** The run to store for a planned one, owned by this process. */
  newRun: (resolved: ResolvedRun) => NewRun;
}

/**
 * Executes many validated rule-strategy runs on imported datasets in batches, on worker threads:
 * each batch is stored as running in one transaction, executed by a worker (load, engine,
 * manifest, result hash, report and artifact files, as for a single backtest), its artifact
 * directories written, and its results stored in one transaction. Batches start in plan order,
 * as many at once as there are workers. A run that fails is stored as failed and the others go
 * on; aborting the signal cancels the runs of the batches in progress (stored as cancelled,
 * their artifacts removed), starts no other and rejects with the first one's RunFailedError.
 */
export class RunBatches {
  constructor(private readonly context: RunBatchesContext) {}

  async run(planned: readonly ResolvedRun[], options: RunBatchOptions): Promise<RunRecord[]> {
    const signal = options.signal ?? new AbortController().signal;
    // Every batch in flight listens to it: many at once is expected.
    setMaxListeners(0, signal);
    // No more threads than runs: each one costs a start-up.
    const workers = Math.min(options.workers, planned.length);
    const pool = new BatchRunPool(workers, this.context.dataDir, this.context.backtestsDir);
    const size = Math.max(1, Math.min(BATCH_RUNS, Math.ceil(planned.length / (Math.max(1, workers) * 4))));
    const ids: string[] = [];
    const failures: RunFailedError[] = [];
    const inFlight = new Set<Promise<void>>();
    let ended = 0;
    try {
      for (let i = 0; i < planned.length && !signal.aborted && failures.length === 0; i += size) {
        // Twice as many batches as workers: one executes while the other's results are stored.
        while (inFlight.size >= 2 * Math.max(1, workers)) await Promise.race(inFlight);
        if (signal.aborted || failures.length > 0) break;
        const batch = planned.slice(i, i + size);
        const started = await this.context.runs.startRunsWithFreshIds(() => batch.map((resolved) => this.context.newRun(resolved)));
        ids.push(...started.map((r) => r.id));
        const batchSignal = this.register(started, signal);
        // The next batch starts only once this one has passed its start (a test hook may hold it there).
        const passedStart = faultPoint('run-started', batchSignal);
        const execution = this.execute(started, batch, pool, passedStart, batchSignal)
          .then(
            () => {
              ended += started.length;
              options.onProgress?.(ended);
            },
            (error: RunFailedError) => void failures.push(error),
          )
          .finally(() => {
            for (const r of started) this.context.active.delete(r.id);
            this.context.heartbeat.settle();
            inFlight.delete(execution);
          });
        inFlight.add(execution);
        for (const r of started) this.context.active.get(r.id)!.settled = execution;
        await passedStart.catch(() => undefined);
      }
      await Promise.all(inFlight);
    } finally {
      await Promise.allSettled(inFlight);
      await pool.close();
    }
    if (failures.length > 0) throw failures.sort((a, b) => ids.indexOf(a.runId) - ids.indexOf(b.runId))[0];
    signal.throwIfAborted();
    return this.context.runs.getRuns(ids);
  }

  /**
   * Makes a batch's runs active here (the heartbeat keeps them owned); the batch's signal aborts
   * with `signal` or when this process stops its runs (interrupted). A run cancelled or deleted
   * by another process keeps its outcome: its results are not stored (see {@link execute}).
   */
  private register(started: readonly RunRecord[], signal: AbortSignal): AbortSignal {
    const batch = new AbortController();
    const stop = (reason: unknown) => {
      if (!batch.signal.aborted) batch.abort(reason);
    };
    if (signal.aborted) stop(signal.reason);
    else signal.addEventListener('abort', () => stop(signal.reason), { once: true, signal: batch.signal });
    for (const r of started) {
      const controller = new AbortController();
      controller.signal.addEventListener('abort', () => {
        const reason: unknown = controller.signal.reason;
        if (reason instanceof RunStopped && reason.status === 'interrupted') stop(reason);
      });
      this.context.active.add(r.id, controller);
    }
    this.context.heartbeat.wake();
    return batch.signal;
  }

  /** One started batch to its end; rejects with a RunFailedError for its first run when it was stopped. */
  private async execute(started: RunRecord[], batch: readonly ResolvedRun[], pool: BatchRunPool, passedStart: Promise<void>, signal: AbortSignal): Promise<void> {
    const { runs, artifacts, backtestsDir } = this.context;
    try {
      await passedStart;
      const outcomes = await pool.run(
        started.map((record, k) => ({ record, spec: batch[k].spec })),
        signal,
      );
      const done: Array<Extract<BatchRunOutcome, { series: unknown }> & { artifactsDir: string }> = [];
      for (const outcome of outcomes) {
        if ('error' in outcome) {
          await runs.failRun(outcome.id, outcome.error);
          continue;
        }
        signal.throwIfAborted();
        const t = performance.now();
        const artifactsDir = await artifacts.place(backtestsDir, outcome.id, outcome.tempDir);
        outcome.timings.artifactsMs = Math.round((outcome.timings.artifactsMs + performance.now() - t) * 1000) / 1000;
        done.push({ ...outcome, artifactsDir });
      }
      await faultPoint('before-store', signal);
      signal.throwIfAborted();
      const stored = await runs.completeRuns(
        done.map((d) => ({
          id: d.id,
          completion: { manifest: d.manifest, metrics: d.metrics, timings: d.timings, resultHash: d.resultHash, artifactsDir: d.artifactsDir },
          series: d.series,
          fresh: true,
        })),
      );
      // A run another process ended or deleted while it executed: its outcome stands, without artifacts.
      for (let k = 0; k < done.length; k++) if (!stored[k]) await artifacts.removeRunArtifacts(backtestsDir, done[k].id);
    } catch (error) {
      const stop = stopOf(error, signal);
      for (const r of started) {
        await artifacts.removeRunArtifacts(backtestsDir, r.id);
        if (stop?.status === 'interrupted') await runs.interruptRun(r.id, stop.message, currentOwner().token);
        else if (stop) await runs.cancelRun(r.id, stop.message);
        else await runs.failRun(r.id, (error as Error).message);
      }
      throw new RunFailedError(started[0].id, stop ?? (error as Error), stop?.status ?? 'failed');
    }
  }
}

