import { createHash, randomBytes } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { RunSpec } from '../../core/engine/run-spec';
import { runIdStem } from '../backtests/run-id';
import type { StoredRunRequest } from '../backtests/run-pipeline';
import { RunIdTakenError } from '../persistence/run-id-taken.error';

/** What a queued job carries: the id of the run stored for it (the run record holds the spec and request). */
export interface RunJobData {
  runId: string;
}

/** What a worker reports for a job: the run's final status (a run that had ended already is reported as it is). */
export interface RunJobOutcome {
  runId: string;
  status: string;
  resultHash?: string;
  error?: string;
  /** Milliseconds the run took in the worker, from taken to stored (the rest of the job's life is the queue's). */
  runMs?: number;
}

/** One submission of a run to the queue: the spec, where its data comes from, when and which submission it is. */
export interface RunJobSpec {
  spec: RunSpec;
  request: StoredRunRequest;
  submittedAt: Date;
  /** Tells apart two submissions of the same spec in the same second. */
  submission: string;
}

/**
 * The run id of a job, derived from the job's spec: `strategy-SYMBOL-YYYYMMDD-HHMMSS-xxxx`, like
 * every run id, with `xxxx` from the SHA-256 of the spec, its data source and its submission.
 * The id is the job's id in the queue too, so adding the same job again adds nothing, and a
 * re-delivered job executes the run stored under that id (never a second one).
 */
export function queuedRunId(job: RunJobSpec): string {
  const stem = runIdStem(job.spec.strategy.name, job.spec.symbol, job.submittedAt);
  const digest = createHash('sha256')
    .update(stableJson({ spec: job.spec, request: job.request, submittedAt: job.submittedAt.toISOString(), submission: job.submission }))
    .digest('hex');
  return `${stem}-${digest.slice(0, 4)}`;
}

/** When a run was submitted, and a random tag telling apart two submissions of it in the same second. */
export type Submission = Pick<RunJobSpec, 'submittedAt' | 'submission'>;

/** A submission made now. */
export function newSubmission(): Submission {
  return { submittedAt: new Date(), submission: randomBytes(8).toString('hex') };
}

/** Submissions of one run before an id taken every time is an error (each collides with a chance of about 1 in 650 in a burst of 100). */
export const SUBMISSION_ATTEMPTS = 8;

/**
 * Stores a run (`store` under the id of a submission) as a new submission. Two submissions in
 * the same second share the id's stem and differ in four hex digits of their hash, so in a
 * burst two of them can draw the same id (about 7 % for 100 at once): the later one is
 * submitted again, as a new submission, until its id is free (a few times at most; a
 * RunIdTakenError after {@link SUBMISSION_ATTEMPTS}). Resolves with the id stored.
 */
export async function storeAsNewSubmission(store: (submission: Submission) => Promise<string>, draw: () => Submission = newSubmission): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store(draw());
    } catch (e) {
      if (!(e instanceof RunIdTakenError) || attempt >= SUBMISSION_ATTEMPTS) throw e;
    }
  }
}

/** JSON with object keys in sorted order, so equal values hash equally. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * How jobs are kept: a job that failed for a reason outside its run (the database was out of
 * reach, the run was still owned by a live process) is tried again with a growing delay;
 * finished jobs are kept for an hour (their outcome is stored with the run anyway).
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 24 * 3_600 },
};

/**
 * A worker holds a job's lock for 10 s and renews it every 5 s; a worker that stops renewing
 * (killed, or its machine gone) has its job taken back within about 15 s (stalled-job check every
 * 5 s) and given to another worker, at most twice per job. Runs execute in worker threads, so
 * the thread renewing the lock is never busy for long.
 */
export const RUN_WORKER_OPTIONS = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
  autorun: false,
} as const;
