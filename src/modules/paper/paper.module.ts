import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { BacktestsModule } from '../backtests/backtests.module';
import { OrderRouter } from './brokers/order-router.service';
import { FeedFactory } from './feeds/feed.factory';
import { loadPaperConfig, PAPER_CONFIG } from './paper-config';
import { PaperReports } from './paper-reports.service';
import { PaperScheduler } from './paper-scheduler.service';
import { PaperSessionsService } from './paper-sessions.service';
import { PaperTicker } from './paper-ticker.service';
import { SleeveRunner } from './sleeve-runner.service';

/**
 * Paper-trading sessions: starting them, ticking them on their schedules (one dynamic job per
 * session in Nest's SchedulerRegistry), storing what each bar produced, and reports. Needs the
 * global AppConfigModule and PersistenceModule. Nothing is scheduled until a process asks
 * (`serve` scans for sessions, `paper run` runs one).
 */
@Module({
  imports: [ScheduleModule.forRoot(), BacktestsModule],
  providers: [
    { provide: PAPER_CONFIG, useFactory: () => loadPaperConfig() },
    FeedFactory,
    OrderRouter,
    SleeveRunner,
    PaperTicker,
    PaperScheduler,
    PaperSessionsService,
    PaperReports,
  ],
  exports: [PaperSessionsService, PaperScheduler, PaperTicker, PaperReports, BacktestsModule],
})
export class PaperModule {}
