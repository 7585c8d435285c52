import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Request } from 'express';
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { RunsRepository } from '../persistence/runs.repository';
import { ApiConfig, API_CONFIG } from './api-config';
import { apiKeyOf, ApiKeys } from './api-keys';

/** How long a reading of the disk's free space is reused: probes come many times a second. */
const DISK_READING_MS = 1_000;

/**
 * Readiness (terminus): the database answers a query, and the data directory's disk has room.
 * Where things are on the server's disk is shown only to a caller with a valid API key (so never
 * when no key is configured): anyone else sees no absolute path, in details or in messages.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private diskReading: { at: number; path: string; freeBytes: Promise<number> } | null = null;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly runs: RunsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(API_CONFIG) private readonly api: ApiConfig,
    private readonly keys: ApiKeys,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and disk checks; 503 when one is down' })
  @ApiServiceUnavailableResponse({ description: 'a check is down (see `error`)' })
  check(@Req() req: Request): Promise<HealthCheckResult> {
    const showPaths = this.keys.required && this.keys.matches(apiKeyOf(req.headers));
    const shown = (message: string) => (showPaths ? message : withoutPaths(message));
    return this.health.check([() => this.database(shown), () => this.disk(showPaths, shown)]);
  }

  private async database(shown: (message: string) => string) {
    const session = this.indicator.check('database');
    try {
      await this.runs.ping();
      return session.up();
    } catch (e) {
      return session.down({ message: shown((e as Error).message) });
    }
  }

  private async disk(showPath: boolean, shown: (message: string) => string) {
    const session = this.indicator.check('disk');
    const reading = this.readDisk();
    const where: { path?: string } = showPath ? { path: reading.path } : {};
    try {
      const freeBytes = await reading.freeBytes;
      const details: Record<string, unknown> = { ...where, freeBytes, minFreeBytes: this.api.minFreeDiskBytes };
      return freeBytes >= this.api.minFreeDiskBytes ? session.up(details) : session.down(details);
    } catch (e) {
      return session.down({ ...where, message: shown((e as Error).message) });
    }
  }

  /** The free space of the data directory's disk, read at most once every {@link DISK_READING_MS}. */
  private readDisk(): { path: string; freeBytes: Promise<number> } {
    const now = Date.now();
    if (!this.diskReading || now - this.diskReading.at >= DISK_READING_MS) {
      const path = existingAncestor(this.config.dataDir);
      const freeBytes = statfs(path).then((fs) => fs.bavail * fs.bsize);
      freeBytes.catch(() => undefined);
      this.diskReading = { at: now, path, freeBytes };
    }
    return this.diskReading;
  }
}

/** A message with every absolute path (POSIX or Windows) replaced by `<path>`. */
export function withoutPaths(message: string): string {
  return message.replace(/(?:[A-Za-z]:)?(?:[\\/][^\s'"`,;:()[\]]+)+/g, (match, offset: number) => (isPathStart(message, offset) ? '<path>' : match));
}

function isPathStart(message: string, offset: number): boolean {
  return offset === 0 || /[\s'"`(=:[]/.test(message[offset - 1]);
}

/** The data directory, or its nearest existing parent before it is created. */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}
