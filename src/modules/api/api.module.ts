import { Module } from '@nestjs/common';
import { BacktestsModule } from '../backtests/backtests.module';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, AppConfigModule } from '../config/app-config.module';
import { PersistenceModule } from '../persistence/persistence.module';
import { HealthController } from './health.controller';

/** The HTTP application: REST controllers over the same services as the CLI. */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    PersistenceModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.db }),
    BacktestsModule,
  ],
  controllers: [HealthController],
})
export class ApiModule {}
