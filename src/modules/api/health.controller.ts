import { Controller, Get, Inject } from '@nestjs/common';
import { RunsRepository } from '../persistence/runs.repository';
import { APP_CONFIG } from '../config/app-config.module';
import { AppConfig } from '../config/app-config';

/** Liveness and readiness: the database answers. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly runs: RunsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async health(): Promise<{ status: 'ok'; database: 'up'; runs: number }> {
    const runs = await this.runs.listRuns({ limit: 1 });
    return { status: 'ok', database: 'up', runs: runs.length };
  }
}
