import { existsSync } from 'node:fs';
import Piscina from 'piscina';
import { threadEntry } from '../config/package-root';
import { BatchRunJob, BatchRunJobRunner, BatchRunOutcome } from './batch-run.job';
import type { BatchRunWorkerData } from './batch-run.worker';

/**
 * Executes batches of runs on worker threads (piscina, `workers` of them), or on the calling
 * thread with 0 workers. Aborting a batch's signal terminates the worker executing it.
 */
export class BatchRunPool {
  private readonly pool: Piscina | null;
  private readonly local: BatchRunJobRunner | null;

  constructor(
    readonly workers: number,
    dataDir: string,
    backtestsDir: string,
    workerPath: string = defaultBatchWorkerPath(),
  ) {
    if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be a whole number ≥ 0, got ${workers}`);
    if (workers === 0) {
      this.pool = null;
      this.local = new BatchRunJobRunner(dataDir, backtestsDir);
      return;
    }
    if (!existsSync(workerPath)) throw new Error(`the batch worker ${workerPath} is missing: build the project first (npm run build)`);
    const workerData: BatchRunWorkerData = { dataDir, backtestsDir };
    // Two batches handed to each worker at once: the next one waits in the worker rather than
    // for this thread to notice the first one ended (it may be storing a batch meanwhile).
    this.pool = new Piscina({
      filename: workerPath, name: 'runBatch', minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: 2, workerData, idleTimeout: 60_000,
    });
    this.local = null;
  }

  async run(jobs: readonly BatchRunJob[], signal: AbortSignal): Promise<BatchRunOutcome[]> {
    signal.throwIfAborted();
    if (this.local) return jobs.map((job) => this.local!.run(job));
    return (await this.pool!.run(jobs, { signal })) as BatchRunOutcome[];
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

/** The compiled entry of the thread (see threadEntry): its bundle, loaded with its code cache. */
export function defaultBatchWorkerPath(): string {
  return threadEntry('modules/backtests/batch-run.entry.js');
}
