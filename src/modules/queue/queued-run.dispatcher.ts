import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { BacktestRequest, BacktestService } from '../backtests/backtest.service';
import { queueOwner } from '../backtests/run-owner';
import { RunsRepository } from '../persistence/runs.repository';
import { RunDispatcher } from '../api/run-dispatcher';
import { queuePrefixFrom, RUN_QUEUE } from './queue-config';
import { queuedRunId, RUN_JOB_OPTIONS, RunJobData, storeAsNewSubmission } from './run-job';

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

  /** Stores the run as queued under the id derived from a new submission of it. */
  private store(request: BacktestRequest): Promise<string> {
    const owner = queueOwner(`${queuePrefixFrom()}:${RUN_QUEUE}`);
    return storeAsNewSubmission(async (submission) => (await this.backtests.enqueue(request, owner, (spec, stored) => queuedRunId({ spec, request: stored, ...submission }))).id);
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
