import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BacktestService } from '../backtests/backtest.service';
import { ConflictError, InputError } from '../backtests/input.error';
import { RunFailedError } from '../backtests/run-errors';
import { HEARTBEAT_INTERVAL_MS, isQueueOwner, ownerState } from '../backtests/run-owner';
import type { RunRecord } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { RUN_QUEUE } from './queue-config';
import { RUN_WORKER_OPTIONS, RunJobData, RunJobOutcome } from './run-job';

/** How many jobs a worker process takes at once (`tradinggroup worker --concurrency`). */
export const WORKER_CONCURRENCY = Symbol('WORKER_CONCURRENCY');

/**
 * A run whose owner has not beaten for this long is taken over when its job comes round again:
 * owners beat every {@link HEARTBEAT_INTERVAL_MS} while they execute runs, and the queue only
 * hands a job out again once its worker has stopped renewing the job's lock.
 */
const TAKEOVER_AFTER_MS = 5 * HEARTBEAT_INTERVAL_MS;

/**
 * The worker side of the scale mode: takes run jobs from the queue and executes each through
 * this process's BacktestService (the same pipeline and executor as the embedded mode), which
 * stores the outcome. A job delivered again (its first worker was killed) executes the same run:
 * its artifacts are removed first (its results are only ever stored whole, replacing any rows of
 * the run), and a run that has already ended is not run again.
 * Progress goes back to the queue, where the API reads it.
 */
@Processor(RUN_QUEUE, RUN_WORKER_OPTIONS)
export class RunJobProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('RunJobProcessor');

  constructor(
    private readonly backtests: BacktestService,
    private readonly runs: RunsRepository,
    @Inject(WORKER_CONCURRENCY) private readonly concurrency: number,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.concurrency;
    this.worker.run().catch((e: Error) => this.logger.error(`the worker stopped: ${e.message}`));
  }

  async process(job: Job<RunJobData>): Promise<RunJobOutcome> {
    const id = job.data.runId;
    const record = await this.runs.getRun(id);
    if (!record) return { runId: id, status: 'deleted' };
    const busy = this.stillRunningElsewhere(record);
    // Thrown so that the queue tries the job again later, when its owner has ended it or is gone.
    if (busy) throw new Error(`run ${id} is still running in ${busy}`);
    const started = await this.backtests.take(id, { onProgress: progressReporter(job) }, record).catch(async (e: unknown) => {
      if (!(e instanceof InputError || e instanceof ConflictError)) throw e;
      // The stored run cannot be executed here (its spec is refused by this version): it fails with the reason.
      await this.runs.failRun(id, e.message);
      return null;
    });
    if (!started) return { runId: id, status: (await this.runs.getRun(id))?.status ?? 'deleted' };
    const takenAt = performance.now();
    try {
      const done = await started.completion;
      return { runId: id, status: 'done', resultHash: done.resultHash, runMs: Math.round((performance.now() - takenAt) * 10) / 10 };
    } catch (e) {
      // This worker is stopping: the run goes back to the queue for another worker.
      if (e instanceof RunFailedError && e.status === 'interrupted') throw e;
      if (e instanceof RunFailedError) return { runId: id, status: e.status, error: e.message };
      throw e;
    }
  }

  /** Who still executes a running run, when a live process does (null when it may be taken). */
  private stillRunningElsewhere(record: RunRecord): string | null {
    if (record.status !== 'running' || !record.owner || isQueueOwner(record.owner)) return null;
    if (this.backtests.progressOf(record.id) !== undefined) return 'this worker';
    const state = ownerState(record.owner, record.heartbeatAt);
    const beatAgo = record.heartbeatAt === null ? Infinity : Date.now() - Date.parse(record.heartbeatAt);
    if (!state.alive || beatAgo > TAKEOVER_AFTER_MS) return null;
    return `process ${record.owner.pid} on ${record.owner.host}`;
  }
}

/** How often a job's progress is sent at most (each report is a Redis write and a queue event). */
const PROGRESS_EVERY_MS = 250;

/** Reports a run's progress to its job: the end, and otherwise at most every PROGRESS_EVERY_MS and once per percent. */
function progressReporter(job: Job): (fraction: number) => void {
  let last = 0;
  let lastAt = performance.now();
  return (fraction) => {
    const now = performance.now();
    if (fraction < 1 && (fraction - last < 0.01 || now - lastAt < PROGRESS_EVERY_MS)) return;
    last = fraction;
    lastAt = now;
    job.updateProgress(fraction).catch(() => undefined);
  };
}
