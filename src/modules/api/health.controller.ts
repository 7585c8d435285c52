import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { RunsRepository } from '../persistence/runs.repository';
import { ApiConfig, API_CONFIG } from './api-config';

/** Readiness (terminus): the database answers a query, and the data directory's disk has room. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly runs: RunsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(API_CONFIG) private readonly api: ApiConfig,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and disk checks; 503 when one is down' })
  @ApiServiceUnavailableResponse({ description: 'a check is down (see `error`)' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database(), () => this.disk()]);
  }

  private async database() {
    const session = this.indicator.check('database');
    try {
      await this.runs.listRuns({ limit: 1 });
      return session.up();
    } catch (e) {
      return session.down({ message: (e as Error).message });
    }
  }

  private async disk() {
    const session = this.indicator.check('disk');
    const path = existingAncestor(this.config.dataDir);
    try {
      const fs = await statfs(path);
      const freeBytes = fs.bavail * fs.bsize;
      const details = { path, freeBytes, minFreeBytes: this.api.minFreeDiskBytes };
      return freeBytes >= this.api.minFreeDiskBytes ? session.up(details) : session.down(details);
    } catch (e) {
      return session.down({ path, message: (e as Error).message });
    }
  }
}

/** The data directory, or its nearest existing parent before it is created. */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}
