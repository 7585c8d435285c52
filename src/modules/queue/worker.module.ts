import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { BacktestService } from '../backtests/backtest.service';
import { BacktestsModule } from '../backtests/backtests.module';
import { RunExecutor } from '../backtests/run-executor';
import { WorkerThreadRunExecutor } from '../backtests/worker-thread-run.executor';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, AppConfigModule } from '../config/app-config.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { queuePrefixFrom, RUN_QUEUE, redisConnectionOf } from './queue-config';
import { RunJobProcessor, WORKER_CONCURRENCY } from './run-job.processor';
import { STUDY_QUEUE } from './study-batch-job';
import { StudyBatchProcessor } from './study-batch.processor';

/**
 * A `tradinggroup worker` process: takes run jobs from the queue at `queueUrl` and executes up
 * to `concurrency` at once in worker threads, storing them in the shared database; and takes
 * study jobs from the studies queue, up to `concurrency` at once, measuring their runs on as many
 * worker threads and handing the results back to the API that runs the study.
 * (It provides its own BacktestService, so that it is the one getting the worker-thread executor.)
 */
@Module({})
export class WorkerModule {
  static forQueue(queueUrl: string, concurrency: number): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(),
        PersistenceModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.db }),
        BacktestsModule,
        BullModule.forRoot({ connection: redisConnectionOf(queueUrl), prefix: queuePrefixFrom() }),
        BullModule.registerQueue({ name: RUN_QUEUE }, { name: STUDY_QUEUE }),
      ],
      providers: [
        BacktestService,
        { provide: RunExecutor, useFactory: () => new WorkerThreadRunExecutor({ maxWorkers: concurrency }) },
        { provide: WORKER_CONCURRENCY, useValue: concurrency },
        RunJobProcessor,
        StudyBatchProcessor,
      ],
    };
  }
}
