import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { DataModule } from '../data/data.module';
import { LlmModule } from '../llm/llm.module';
import { BacktestService } from './backtest.service';
import { InProcessRunExecutor, RunExecutor } from './run-executor';
import { RunRecovery } from './run-recovery.service';
import { StrategyCatalog } from './strategy.catalog';

/**
 * Running and storing backtests. Needs the global AppConfigModule and PersistenceModule.
 */
@Module({
  imports: [DataModule, ArtifactsModule, LlmModule],
  providers: [
    BacktestService,
    { provide: StrategyCatalog, useFactory: () => new StrategyCatalog() },
    { provide: RunExecutor, useClass: InProcessRunExecutor },
    RunRecovery,
  ],
  exports: [BacktestService, RunRecovery, StrategyCatalog, DataModule, ArtifactsModule, LlmModule],
})
export class BacktestsModule {}
