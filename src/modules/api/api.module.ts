import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { BacktestService } from '../backtests/backtest.service';
import { BacktestsModule } from '../backtests/backtests.module';
import { RunExecutor } from '../backtests/run-executor';
import { WorkerThreadRunExecutor } from '../backtests/worker-thread-run.executor';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, AppConfigModule } from '../config/app-config.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { ApiConfig, API_CONFIG, loadApiConfig } from './api-config';
import { ApiErrorFilter } from './api-error.filter';
import { ApiLogger, apiLoggingParams } from './api-logging';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeys } from './api-keys';
import { BacktestJobs } from './backtest-jobs.service';
import { BacktestRequestMapper } from './backtest-request.mapper';
import { BacktestResultsController } from './backtest-results.controller';
import { BacktestsController } from './backtests.controller';
import { CompareController } from './compare.controller';
import { CsvInterceptor } from './csv.interceptor';
import { DatasetsController } from './datasets.controller';
import { HealthController } from './health.controller';
import { MutationThrottlerGuard } from './mutation-throttler.guard';
import { EmbeddedRunDispatcher, RunDispatcher } from './run-dispatcher';
import { RunFiles } from './run-files.service';
import { RunQueries } from './run-queries.service';
import { RunPageCache } from './run-page.cache';
import { RunReadCache } from './run-read.cache';
import { RunResults } from './run-results.service';
import { StrategiesController } from './strategies.controller';
import { StudiesController } from './studies.controller';
import { StudyRecoveryBootstrap } from './study-recovery.bootstrap';
import { StudiesModule } from '../studies/studies.module';
import { JsonBodyMiddleware } from './json-body.middleware';
import { PaperApiModule } from '../paper/api/paper-api.module';
import { ApiValidationPipe } from './validation.pipe';

const apiConfigProvider = { provide: API_CONFIG, useFactory: () => loadApiConfig() };

/**
 * The HTTP application: REST controllers over the same services as the CLI. Runs execute in
 * worker threads (the RunExecutor is overridden here; the CLI keeps the in-process one).
 * (ApiModule provides its own BacktestService so that it is the one getting that executor.)
 * Every request is logged with its id (nestjs-pino, see api-logging.ts).
 * Global: validation (400 naming the field), the error mapping, the API key check and the rate
 * limit on mutating routes, and CSV answers on tabular routes. Only the routes that take a body
 * read one (JsonBodyMiddleware; the application is created without Express's body parsers).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({ useFactory: () => apiLoggingParams(loadApiConfig().logLevel) }),
    AppConfigModule.forRoot(),
    PersistenceModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.db }),
    BacktestsModule,
    StudiesModule,
    TerminusModule.forRoot({ logger: false }),
    ThrottlerModule.forRootAsync({
      useFactory: () => {
        const { rateLimit, rateWindowMs } = loadApiConfig();
        return { throttlers: [{ limit: rateLimit, ttl: rateWindowMs }] };
      },
    }),
    PaperApiModule,
  ],
  controllers: [HealthController, BacktestsController, BacktestResultsController, CompareController, StrategiesController, DatasetsController, StudiesController],
  providers: [
    apiConfigProvider,
    ApiLogger,
    // The API's own BacktestService, so that it gets the worker-thread executor below.
    BacktestService,
    { provide: RunExecutor, inject: [API_CONFIG], useFactory: (c: ApiConfig) => new WorkerThreadRunExecutor({ maxWorkers: c.maxWorkers }) },
    { provide: ApiKeys, inject: [API_CONFIG], useFactory: (c: ApiConfig) => new ApiKeys(c.apiKeys) },
    { provide: RunReadCache, useFactory: () => new RunReadCache() },
    { provide: RunPageCache, useFactory: () => new RunPageCache() },
    { provide: APP_PIPE, useClass: ApiValidationPipe },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
    { provide: APP_GUARD, useClass: MutationThrottlerGuard },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_INTERCEPTOR, useClass: CsvInterceptor },
    BacktestRequestMapper,
    { provide: RunDispatcher, useClass: EmbeddedRunDispatcher },
    BacktestJobs,
    StudyRecoveryBootstrap,
    StudyRecoveryBootstrap,
    RunQueries,
    RunResults,
    RunFiles,
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonBodyMiddleware).forRoutes(
      { path: 'backtests', method: RequestMethod.POST },
      { path: 'paper-sessions', method: RequestMethod.POST },
      { path: 'sweeps', method: RequestMethod.POST },
      { path: 'evaluations', method: RequestMethod.POST },
      { path: 'sweeps/:id/keep', method: RequestMethod.POST },
      { path: 'evaluations/:id/keep', method: RequestMethod.POST },
    );
  }

  /** The same application running backtests through another executor (tests, embedding). */
  static withExecutor(executor: RunExecutor): DynamicModule {
    return { module: ApiModule, providers: [{ provide: RunExecutor, useValue: executor }] };
  }
}
