import type { Queue } from 'bullmq';
import type { StudyExecutor } from '../studies/study-executor';
import type { StudyJob, StudyJobResult } from '../studies/study-job';
import type { QueuedStudyExecutors } from './queued-study.executors';
import { resultsOf, STUDY_JOB_OPTIONS, studyBatchData, studyBatches, StudyBatchJobData, StudyBatchOutcome } from './study-batch-job';

/**
 * One study's jobs on the queue: cut into batches (ids derived from the study and the batch),
 * added at once, and their results handed to the study's recorder as each job completes. When
 * the study stops (cancelled, interrupted, a run failed), its jobs no worker has taken leave the
 * queue; a worker finishing one it had taken finds the study ended and measures nothing more.
 */
export class QueuedStudyExecutor implements StudyExecutor {
  constructor(
    private readonly studyId: string,
    private readonly queue: Queue<StudyBatchJobData, StudyBatchOutcome>,
    private readonly outcomes: Pick<QueuedStudyExecutors, 'expect' | 'forget'>,
  ) {}

  async run(jobs: readonly StudyJob[], onResults: (results: StudyJobResult[]) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const batches = studyBatches(this.studyId, jobs);
    const ids = batches.map((b) => b.id);
    let delivered: Promise<void> = Promise.resolve();
    const ended = new Set<string>();
    const outcomes = batches.map((b) =>
      this.outcomes.expect(b.id).then((outcome) => {
        ended.add(b.id);
        if ('skipped' in outcome) throw new Error(`study ${this.studyId} is ${outcome.skipped} for the queue's workers`);
        const results = resultsOf(outcome);
        // Handed over one batch at a time, in the order they arrive, as the embedded pool does.
        delivered = delivered.then(() => onResults(results));
        return delivered;
      }),
    );
    const stopped = abortion(signal);
    try {
      await this.queue.addBulk(batches.map((b) => ({ name: 'study', data: studyBatchData(this.studyId, b), opts: { ...STUDY_JOB_OPTIONS, jobId: b.id } })));
      await Promise.race([Promise.all(outcomes), stopped.promise]);
      await delivered;
    } catch (e) {
      await this.withdraw(ids.filter((id) => !ended.has(id)));
      throw e;
    } finally {
      stopped.dispose();
    }
  }

  async close(): Promise<void> {
    // Nothing is held between runs: a run that ends has no job awaited, and a run that stops has withdrawn its jobs.
  }

  /** Jobs that no worker has taken leave the queue (a taken one is locked and stays); none is awaited any more. */
  private async withdraw(ids: readonly string[]): Promise<void> {
    this.outcomes.forget(ids);
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }
}

/** A promise rejected with the signal's reason when it aborts (never settled otherwise), and how to stop listening. */
function abortion(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), dispose: () => undefined };
  let listener: () => void = () => undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    listener = () => reject(signal.reason);
    signal.addEventListener('abort', listener, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', listener) };
}
