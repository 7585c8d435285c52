import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { STUDY_EXECUTORS } from '../studies/study-executor';
import { QueuedStudyExecutors } from './queued-study.executors';
import { STUDY_QUEUE } from './study-batch-job';
import { StudyQueueListener } from './study-queue.listener';

/**
 * The scale mode's studies in the API: the StudiesService (of StudiesModule, hence a global
 * provider) measures studies on the studies queue instead of this process's worker threads.
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: STUDY_QUEUE })],
  providers: [QueuedStudyExecutors, { provide: STUDY_EXECUTORS, useExisting: QueuedStudyExecutors }, StudyQueueListener],
  exports: [STUDY_EXECUTORS],
})
export class QueuedStudiesModule {}
