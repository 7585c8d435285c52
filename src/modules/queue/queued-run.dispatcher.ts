import { randomBytes } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { BacktestRequest, BacktestService } from '../backtests/backtest.service';
import { queueOwner } from '../backtests/run-owner';
import { RunIdTakenError } from '../persistence/run-id-taken.error';
import { RunsRepository } from '../persistence/runs.repository';
import { RunDispatcher } from '../api/run-dispatcher';
import { queuePrefixFrom, RUN_QUEUE } from './queue-config';
import { queuedRunId, RUN_JOB_OPTIONS, RunJobData } from './run-job';

/** Submissions of one run before an id taken every time is an error (each collides with a chance of about 1 in 650 in a burst of 100). */
const SUBMISSION_ATTEMPTS = 8;

/**
 * The scale mode's dispatcher: a run is stored as queued, owned by the queue, and put on the
 * BullMQ queue as a job whose id is the run's id; `tradinggroup worker` processes take the jobs.
 * The progress they report comes back through the queue's events (QueueProgressListener).
 */
@Injectable()
export class QueuedRunDispatcher extends RunDispatcher {
  private readonly live = new Map<string, number>();

  constructor(
    private readonly backtests: BacktestService,
    private readonly runs: RunsRepository,
    @InjectQueue(RUN_QUEUE) private readonly queue: Queue<RunJobData>,
  ) {
    super();
  }

  async dispatch(request: BacktestRequest): Promise<string> {
    const id = await this.store(request);
    try {
      await this.queue.add('run', { runId: id }, { ...RUN_JOB_OPTIONS, jobId: id });
    } catch (e) {
      // Stored but never queued: no worker would ever take it, so it ends here, with the reason.
      await this.runs.failRun(id, `it could not be put on the queue: ${(e as Error).message}`);
      throw e;
    }
    return id;
  }

  /**
   * Stores the run as queued under the id derived from its submission. Two submissions in the
   * same second share the id's stem and differ in four hex digits of their hash, so in a burst
   * two of them can draw the same id (about 7 % for 100 at once): the later one is submitted
   * again as a new submission, as many times as it takes (a few at most).
   */
  private async store(request: BacktestRequest): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const submittedAt = new Date();
      const submission = randomBytes(8).toString('hex');
      try {
        const { id } = await this.backtests.enqueue(request, queueOwner(`${queuePrefixFrom()}:${RUN_QUEUE}`), (spec, stored) => queuedRunId({ spec, request: stored, submittedAt, submission }));
        return id;
      } catch (e) {
        if (!(e instanceof RunIdTakenError) || attempt >= SUBMISSION_ATTEMPTS) throw e;
      }
    }
  }

  progressOf(id: string): number | undefined {
    return this.live.get(id);
  }

  /** A worker reported the share done of a run. */
  noteProgress(id: string, fraction: number): void {
    this.live.set(id, fraction);
  }

  /** A run's job has ended: its outcome is stored with the run. */
  noteEnded(id: string): void {
    this.live.delete(id);
  }

  /** A run that no worker has taken yet leaves the queue; one a worker holds is stopped by it (at its next status check). */
  async withdraw(id: string): Promise<void> {
    this.live.delete(id);
    await this.queue.remove(id).catch(() => 0);
  }
}
