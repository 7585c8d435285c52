import { deserialize, serialize } from 'node:v8';
import type { JobsOptions } from 'bullmq';
import type { StudyJob, StudyJobResult } from '../studies/study-job';

/** The BullMQ queue the API puts study batches on (beside the runs' queue) and workers take them from. */
export const STUDY_QUEUE = 'studies';

/**
 * Runs of a study per queued job at most. A job costs a few milliseconds around its runs (two
 * Redis round trips to take and finish it, a status read, the event that brings its results
 * back), about a rule strategy's run over ten years of daily bars: batches keep that share small,
 * while a cap keeps what a killed worker's job makes another redo, and the steps of the study's
 * progress, small too.
 */
export const MAX_BATCH_RUNS = 32;

/** Jobs a study is cut into at least (when it has as many runs), so that every worker gets some. */
const MIN_BATCHES = 16;

/** What a study job carries: its study, the plan indices of its runs, and the runs themselves. */
export interface StudyBatchJobData {
  studyId: string;
  /** The first and last plan index of its runs (for reading the queue; the runs are in `jobs`). */
  indices: [number, number];
  /** The StudyJobs, serialized as worker threads pass them (v8's structured clone), in base64. */
  jobs: string;
}

/** What a worker returns for a study job. */
export type StudyBatchOutcome =
  | {
      studyId: string;
      /** The results, serialized as `jobs` is: every number to the last bit (NaN, ±Infinity and -0 included, unlike JSON). */
      results: string;
      /** The worker process that measured them. */
      worker: number;
      /** Milliseconds the runs took in the worker. */
      measuredMs: number;
    }
  | { studyId: string; skipped: string };

/** One job of a study: its id in the queue and its runs. */
export interface StudyBatch {
  id: string;
  jobs: readonly StudyJob[];
}

/**
 * Cuts a study's jobs (in plan order) into consecutive batches, each a queued job whose id is
 * derived from the study's id and the plan indices it holds: the same study cuts the same way,
 * so a job added again (or retried) is the same job, never a second measurement of its runs.
 */
export function studyBatches(studyId: string, jobs: readonly StudyJob[]): StudyBatch[] {
  const size = Math.min(MAX_BATCH_RUNS, Math.max(1, Math.ceil(jobs.length / MIN_BATCHES)));
  const batches: StudyBatch[] = [];
  for (let i = 0; i < jobs.length; i += size) {
    const slice = jobs.slice(i, i + size);
    batches.push({ id: studyBatchJobId(studyId, slice[0].index, slice[slice.length - 1].index), jobs: slice });
  }
  return batches;
}

/** `<study id>.runs-<first>-<last>` (BullMQ refuses ids with a colon; study ids have none). */
export function studyBatchJobId(studyId: string, first: number, last: number): string {
  return `${studyId}.runs-${first}-${last}`;
}

export function studyBatchData(studyId: string, batch: StudyBatch): StudyBatchJobData {
  return { studyId, indices: [batch.jobs[0].index, batch.jobs[batch.jobs.length - 1].index], jobs: encode(batch.jobs) };
}

export function jobsOf(data: StudyBatchJobData): StudyJob[] {
  return decode(data.jobs) as StudyJob[];
}

export function encodeResults(results: readonly StudyJobResult[]): string {
  return encode(results);
}

export function resultsOf(outcome: { results: string }): StudyJobResult[] {
  return decode(outcome.results) as StudyJobResult[];
}

/**
 * v8's serializer is the one worker threads pass messages with, so a study measured on the
 * queue's workers hands its recorder the very values the embedded pool would: JSON would turn
 * NaN and ±Infinity into null and -0 into 0.
 */
function encode(value: unknown): string {
  return serialize(value).toString('base64');
}

function decode(text: string): unknown {
  return deserialize(Buffer.from(text, 'base64'));
}

/**
 * How study jobs are kept: one that failed for a reason outside its runs (a worker thread died,
 * the database was out of reach) is tried again; finished jobs are kept for an hour, so adding
 * one again within that time adds nothing.
 */
export const STUDY_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 24 * 3_600 },
};
