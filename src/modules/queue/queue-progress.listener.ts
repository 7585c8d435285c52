import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { RunReadCache } from '../api/run-read.cache';
import { RUN_QUEUE } from './queue-config';
import { QueuedRunDispatcher } from './queued-run.dispatcher';

/**
 * Listens to the queue's events in the API process: workers' progress reports feed
 * `GET /backtests/:id`, and a finished job drops the run's cached answers (its stored record is
 * now final).
 */
@QueueEventsListener(RUN_QUEUE)
export class QueueProgressListener extends QueueEventsHost {
  constructor(
    private readonly dispatcher: QueuedRunDispatcher,
    private readonly cache: RunReadCache,
  ) {
    super();
  }

  @OnQueueEvent('progress')
  onProgress({ jobId, data }: { jobId: string; data: unknown }): void {
    if (typeof data === 'number' && Number.isFinite(data)) this.dispatcher.noteProgress(jobId, data);
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId }: { jobId: string }): void {
    this.ended(jobId);
  }

  @OnQueueEvent('failed')
  onFailed({ jobId }: { jobId: string }): void {
    this.ended(jobId);
  }

  private ended(id: string): void {
    this.dispatcher.noteEnded(id);
    this.cache.forget(id);
  }
}
