import { Inject, Injectable } from '@nestjs/common';
import { ArtifactWriter } from '../artifacts/artifact.writer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { isActiveStatus } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { ownerState } from './run-owner';

/** A run found without a living owner and stored as interrupted. */
export interface RecoveredRun {
  id: string;
  reason: string;
}

/** What one recovery pass did. */
export interface RecoveryReport {
  interrupted: RecoveredRun[];
  /** Temporary artifact directories removed (paths). */
  removedTempDirs: string[];
}

/**
 * Ends the runs whose owner is gone. Every queued or running run has an owning process; when
 * that process no longer lives (see `ownerState`), the run is stored as `interrupted` with the
 * reason, and its artifacts, complete or half-written, are removed. Temporary directories of
 * runs that are not executing anywhere are removed too. The CLI runs this before each command,
 * the server when it starts.
 */
@Injectable()
export class RunRecovery {
  constructor(
    private readonly runs: RunsRepository,
    private readonly artifacts: ArtifactWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recover(now: Date = new Date()): Promise<RecoveryReport> {
    const interrupted: RecoveredRun[] = [];
    for (const run of await this.runs.activeRuns()) {
      const state = ownerState(run.owner, run.heartbeatAt, now);
      if (state.alive) continue;
      const reason = state.reason;
      if (!(await this.runs.interruptRun(run.id, reason, run.owner?.token ?? null))) continue;
      await this.artifacts.removeRunArtifacts(this.config.backtestsDir, run.id);
      interrupted.push({ id: run.id, reason });
    }
    const removedTempDirs: string[] = [];
    const leftovers = await this.artifacts.leftoverTempDirs(this.config.backtestsDir);
    if (leftovers.length > 0) {
      const statuses = await this.runs.statusesOf([...new Set(leftovers.map((l) => l.runId))]);
      for (const { runId, path } of leftovers) {
        const status = statuses.get(runId);
        if (status !== undefined && isActiveStatus(status)) continue;
        await this.artifacts.removeTempDir(path);
        removedTempDirs.push(path);
      }
    }
    return { interrupted, removedTempDirs };
  }
}
