import { Inject, Injectable } from '@nestjs/common';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { runArtifactsDir } from '../artifacts/artifact-paths';
import { NotFoundError } from '../backtests/input.error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { RunQueries } from './run-queries.service';

/** A file of a run's artifact directory, ready to stream. */
export interface RunFile {
  path: string;
  name: string;
  contentType: string;
  size: number;
}

/** A plain artifact file name (no path). */
export const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
/** The content type an artifact is served with, by extension (others: application/octet-stream). */
export const ARTIFACT_CONTENT_TYPES: Readonly<Record<'.json' | '.csv' | '.html' | '.txt', string>> = {
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The files of `backtests/<run-id>/`: the listing, one file by plain name, the HTML report. */
@Injectable()
export class RunFiles {
  constructor(
    private readonly queries: RunQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async names(id: string): Promise<string[]> {
    await this.queries.record(id);
    const entries = await readdir(runArtifactsDir(this.config.backtestsDir, id), { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  }

  /** One artifact by plain file name (no path): a 404 for an unknown run or file. */
  async file(id: string, name: string): Promise<RunFile> {
    await this.queries.record(id);
    const file = SAFE_FILE_NAME.test(name) && !name.includes('..') ? await this.find(id, name) : null;
    if (!file) throw new NotFoundError(`run ${id} has no artifact ${JSON.stringify(name)} (see GET /backtests/${id}/artifacts)`);
    return file;
  }

  /** The run's `report.html`, or a 404 saying the run has no report. */
  async report(id: string): Promise<RunFile> {
    const run = await this.queries.record(id);
    const file = await this.find(id, 'report.html');
    if (!file) {
      const why = run.status === 'done' ? 'its artifacts hold no report.html' : `the run is ${run.status}; a report is written when a run is done`;
      throw new NotFoundError(`run ${id} has no HTML report: ${why}`);
    }
    return file;
  }

  private async find(id: string, name: string): Promise<RunFile | null> {
    const path = join(runArtifactsDir(this.config.backtestsDir, id), name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    return { path, name, size: info.size, contentType: (ARTIFACT_CONTENT_TYPES as Record<string, string>)[extname(name).toLowerCase()] ?? 'application/octet-stream' };
  }
}
