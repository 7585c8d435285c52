import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { PaperModule } from '../paper.module';
import { PaperScheduler } from '../paper-scheduler.service';
import { PaperPageController } from './paper-page.controller';
import { PaperSessionsController } from './paper-sessions.controller';

/**
 * The paper sessions of the HTTP application: the REST routes, the `/ui/paper` page, and the
 * scheduler, which starts running every session nobody else runs as soon as the app is up.
 */
@Module({
  imports: [PaperModule],
  controllers: [PaperSessionsController, PaperPageController],
})
export class PaperApiModule implements OnApplicationBootstrap {
  constructor(private readonly scheduler: PaperScheduler) {}

  onApplicationBootstrap(): void {
    this.scheduler.startScanning();
  }
}
