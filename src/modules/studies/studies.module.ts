import { Module } from '@nestjs/common';
import { BacktestsModule } from '../backtests/backtests.module';
import { StudiesService } from './studies.service';

/** Sweeps and evaluations. Needs the global AppConfigModule and PersistenceModule. */
@Module({
  imports: [BacktestsModule],
  providers: [StudiesService],
  exports: [StudiesService],
})
export class StudiesModule {}
