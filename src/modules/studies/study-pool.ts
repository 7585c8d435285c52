import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import Piscina from 'piscina';
import { threadEntry } from '../config/package-root';
import type { StudyExecutor } from './study-executor';
import { StudyJob, StudyJobResult, StudyJobRunner } from './study-job';
import type { StudyWorkerData } from './study.worker';

export interface StudyPoolOptions {
  dataDir: string;
  /** Worker threads (default: every core); 0 runs the jobs on the calling thread. */
  workers?: number;
  /** The worker script (default: `study.worker.js` beside this file in dist/). */
  workerPath?: string;
}

/** Jobs sent to a worker at once: few enough to spread the work, enough to keep messaging cheap. */
const BATCH_JOBS = 8;

/**
 * Runs study jobs on worker threads (piscina), every core by default. Jobs go in batches;
 * results come back per batch, in any order, through `onResults`. Aborting `signal` stops
 * handing out batches and rejects.
 */
export class StudyPool implements StudyExecutor {
  readonly workers: number;
  private readonly pool: Piscina | null;
  private readonly local: StudyJobRunner | null;

  constructor(options: StudyPoolOptions) {
    this.workers = options.workers ?? availableParallelism();
    if (!Number.isInteger(this.workers) || this.workers < 0) throw new RangeError(`workers must be a whole number ≥ 0, got ${this.workers}`);
    if (this.workers === 0) {
      this.pool = null;
      this.local = new StudyJobRunner(options.dataDir);
      return;
    }
    const filename = options.workerPath ?? defaultStudyWorkerPath();
    if (!existsSync(filename)) throw new Error(`the study worker ${filename} is missing: build the project first (npm run build)`);
    const workerData: StudyWorkerData = { dataDir: options.dataDir };
    this.pool = new Piscina({ filename, name: 'runStudyBatch', minThreads: this.workers, maxThreads: this.workers, workerData, idleTimeout: 60_000 });
    this.local = null;
  }

  async run(jobs: readonly StudyJob[], onResults: (results: StudyJobResult[]) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.local) {
      for (const job of jobs) {
        signal?.throwIfAborted();
        await onResults([await this.local.run(job)]);
      }
      return;
    }
    const pool = this.pool!;
    // Every batch in flight listens to the signal: many at once is expected.
    if (signal) setMaxListeners(0, signal);
    const batches: StudyJob[][] = [];
    // Smaller batches near the end keep every worker busy until the last runs.
    const size = Math.max(1, Math.min(BATCH_JOBS, Math.ceil(jobs.length / (this.workers * 4))));
    for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
    let pending: Promise<void> = Promise.resolve();
    await Promise.all(
      batches.map((batch) =>
        pool.run(batch, { signal: signal ?? null }).then((results: StudyJobResult[]) => {
          // Results are handed over one batch at a time, in the order they arrive.
          pending = pending.then(() => onResults(results));
          return pending;
        }),
      ),
    );
    await pending;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

/** The compiled entry of the thread (see threadEntry): its bundle, loaded with its code cache. */
export function defaultStudyWorkerPath(): string {
  return threadEntry('modules/studies/study.entry.js');
}
