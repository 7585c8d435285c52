import { Module } from '@nestjs/common';
import { BacktestsModule } from '../backtests/backtests.module';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, AppConfigModule } from '../config/app-config.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { CommandLineProvider } from './command-line.provider';
import { AblateCommand } from './commands/ablate.command';
import { BacktestCommand } from './commands/backtest.command';
import { CompareCommand } from './commands/compare.command';
import { DataCommand, DataDescribeCommand, DataImportCommand, DataImportFundamentalsCommand, DataImportNewsCommand, DataListCommand, DataSetupCommand } from './commands/data.command';
import { DemoCommand } from './commands/demo.command';
import { LlmCheckCommand, LlmCommand, LlmExportCommand, LlmImportCommand, LlmStandInCommand } from './commands/llm.command';
import { MemoryClearCommand, MemoryCommand, MemoryListCommand, MemoryShowCommand } from './commands/memory.command';
import { NewsCommand, NewsScoreCommand } from './commands/news.command';
import { PaperCommand, PaperListCommand, PaperPauseCommand, PaperReportCommand, PaperResumeCommand, PaperRunCommand, PaperShowCommand, PaperStartCommand, PaperStopCommand } from './commands/paper.command';
import { PaperModule } from '../paper/paper.module';
import { ReplayCommand } from './commands/replay.command';
import { RunsCancelCommand, RunsCommand, RunsDecisionsCommand, RunsDeleteCommand, RunsListCommand, RunsResumeCommand, RunsShowCommand } from './commands/runs.command';
import { ServeCommand } from './commands/serve.command';
import { WorkerCommand } from './commands/worker.command';
import { SynthCommandsModule } from './commands/synth.command';
import { EvaluateCommand } from './commands/evaluate.command';
import { SweepCommand } from './commands/sweep.command';
import { StudiesModule } from '../studies/studies.module';
import { RunRecoveryBootstrap } from './run-recovery.bootstrap';

/** The command-line application: every command over the same services as the REST API. */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    PersistenceModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.db }),
    BacktestsModule,
    StudiesModule,
    SynthCommandsModule,
    PaperModule,
  ],
  providers: [
    CommandLineProvider,
    BacktestCommand,
    AblateCommand,
    CompareCommand,
    DemoCommand,
    ReplayCommand,
    SweepCommand,
    EvaluateCommand,
    RunsCommand,
    RunsListCommand,
    RunsShowCommand,
    RunsDecisionsCommand,
    RunsCancelCommand,
    RunsDeleteCommand,
    RunsResumeCommand,
    RunRecoveryBootstrap,
    ServeCommand,
    WorkerCommand,
    DataCommand,
    DataImportCommand,
    DataImportNewsCommand,
    DataImportFundamentalsCommand,
    DataListCommand,
    DataSetupCommand,
    DataDescribeCommand,
    NewsCommand,
    NewsScoreCommand,
    MemoryCommand,
    MemoryListCommand,
    MemoryShowCommand,
    MemoryClearCommand,
    LlmCommand,
    LlmCheckCommand,
    LlmExportCommand,
    LlmImportCommand,
    LlmStandInCommand,
    PaperCommand,
    PaperStartCommand,
    PaperListCommand,
    PaperShowCommand,
    PaperPauseCommand,
    PaperResumeCommand,
    PaperStopCommand,
    PaperReportCommand,
    PaperRunCommand,
  ],
})
export class CliModule {}
