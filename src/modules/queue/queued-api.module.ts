import { BullModule } from '@nestjs/bullmq';
import { DynamicModule } from '@nestjs/common';
import { ApiModule } from '../api/api.module';
import { RunDispatcher } from '../api/run-dispatcher';
import { queuePrefixFrom, RUN_QUEUE, redisConnectionOf } from './queue-config';
import { QueueProgressListener } from './queue-progress.listener';
import { QueuedRunDispatcher } from './queued-run.dispatcher';
import { QueuedStudiesModule } from './queued-studies.module';

/**
 * The API of the scale mode: the same application, with runs dispatched to the BullMQ queue at
 * `queueUrl` and studies measured through a second queue (`tradinggroup worker` processes
 * execute both) instead of this process's workers.
 */
export function queuedApiModule(queueUrl: string): DynamicModule {
  return {
    module: ApiModule,
    imports: [BullModule.forRoot({ connection: redisConnectionOf(queueUrl), prefix: queuePrefixFrom() }), BullModule.registerQueue({ name: RUN_QUEUE }), QueuedStudiesModule],
    providers: [QueuedRunDispatcher, { provide: RunDispatcher, useExisting: QueuedRunDispatcher }, QueueProgressListener],
  };
}
