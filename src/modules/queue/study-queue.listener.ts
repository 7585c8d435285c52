import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { QueuedStudyExecutors } from './queued-study.executors';
import { STUDY_QUEUE, StudyBatchOutcome } from './study-batch-job';

/** Listens to the studies queue's events in the API process: a job's end reaches the study awaiting it. */
@QueueEventsListener(STUDY_QUEUE)
export class StudyQueueListener extends QueueEventsHost {
  constructor(private readonly executors: QueuedStudyExecutors) {
    super();
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void {
    this.executors.completed(jobId, returnvalue as StudyBatchOutcome);
  }

  /** Sent once a job has failed for good (an attempt that will be retried sends none). */
  @OnQueueEvent('failed')
  onFailed({ jobId, failedReason }: { jobId: string; failedReason: string }): void {
    this.executors.failed(jobId, failedReason);
  }
}
