import { workerData } from 'piscina';
import { StudyJob, StudyJobResult, StudyJobRunner } from './study-job';

/*
 * Worker-thread entry of the StudyPool (piscina): each worker keeps one StudyJobRunner, so a
 * dataset is read once per worker and shared by every run the worker executes.
 */

/** What every study worker is started with. */
export interface StudyWorkerData {
  dataDir: string;
}

let runner: StudyJobRunner | undefined;

export async function runStudyBatch(jobs: StudyJob[]): Promise<StudyJobResult[]> {
  runner ??= new StudyJobRunner((workerData as StudyWorkerData).dataDir);
  const out: StudyJobResult[] = [];
  for (const job of jobs) out.push(await runner.run(job));
  return out;
}
