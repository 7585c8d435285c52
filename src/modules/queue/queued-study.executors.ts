import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { StudyExecutor, StudyExecutors } from '../studies/study-executor';
import { QueuedStudyExecutor } from './queued-study.executor';
import { STUDY_QUEUE, StudyBatchJobData, StudyBatchOutcome } from './study-batch-job';

/** How often the jobs still awaited are looked up in the queue, in case an event was missed. */
const RECONCILE_EVERY_MS = 5_000;

interface Awaited {
  resolve(outcome: StudyBatchOutcome): void;
  reject(error: Error): void;
}

/**
 * The scale mode's StudyExecutors, in the API process: each study's jobs go on the studies
 * queue, and the outcome of each job comes back through the queue's events (StudyQueueListener)
 * to the study that awaits it. Every few seconds the jobs still awaited are looked up in the
 * queue itself, so a study never waits for an event its listener missed (a reconnection).
 */
@Injectable()
export class QueuedStudyExecutors implements StudyExecutors, OnModuleDestroy {
  private readonly logger = new Logger('QueuedStudyExecutors');
  private readonly awaited = new Map<string, Awaited>();
  private timer: NodeJS.Timeout | null = null;
  private reconciling = false;

  constructor(@InjectQueue(STUDY_QUEUE) private readonly queue: Queue<StudyBatchJobData, StudyBatchOutcome>) {}

  open(studyId: string): StudyExecutor {
    return new QueuedStudyExecutor(studyId, this.queue, this);
  }

  /** The outcome of job `id`, once it ends; call before adding the job, so that no event is missed. */
  expect(id: string): Promise<StudyBatchOutcome> {
    const outcome = new Promise<StudyBatchOutcome>((resolve, reject) => this.awaited.set(id, { resolve, reject }));
    this.timer ??= setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS).unref();
    return outcome;
  }

  /** Stops awaiting jobs (their study has stopped). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.awaited.delete(id);
    this.idle();
  }

  completed(id: string, outcome: StudyBatchOutcome): void {
    this.settle(id)?.resolve(outcome);
  }

  failed(id: string, reason: string): void {
    this.settle(id)?.reject(new Error(`study job ${id} failed on the queue: ${reason}`));
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private settle(id: string): Awaited | undefined {
    const awaited = this.awaited.get(id);
    this.awaited.delete(id);
    this.idle();
    return awaited;
  }

  private idle(): void {
    if (this.awaited.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Settles the awaited jobs that the queue says have ended. */
  private async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      for (const id of [...this.awaited.keys()]) {
        const job = await this.queue.getJob(id);
        if (!job) {
          this.failed(id, 'it left the queue before it ended');
          continue;
        }
        const state = await job.getState();
        if (state === 'completed') this.completed(id, job.returnvalue);
        else if (state === 'failed') this.failed(id, job.failedReason);
      }
    } catch (e) {
      // The next round tries again; events keep coming meanwhile.
      this.logger.warn(`looking up study jobs failed: ${(e as Error).message}`);
    } finally {
      this.reconciling = false;
    }
  }
}
