import { workerData } from 'piscina';
import { BatchRunJob, BatchRunJobRunner, BatchRunOutcome } from './batch-run.job';

/*
 * Worker-thread entry of the BatchRunPool (piscina): each worker keeps one BatchRunJobRunner, so
 * a dataset is parsed once per worker and shared by the runs of it the worker executes.
 */

/** What every batch worker is started with. */
export interface BatchRunWorkerData {
  dataDir: string;
  backtestsDir: string;
}

let runner: BatchRunJobRunner | undefined;

export function runBatch(jobs: BatchRunJob[]): BatchRunOutcome[] {
  const { dataDir, backtestsDir } = workerData as BatchRunWorkerData;
  runner ??= new BatchRunJobRunner(dataDir, backtestsDir);
  return jobs.map((job) => runner!.run(job));
}
