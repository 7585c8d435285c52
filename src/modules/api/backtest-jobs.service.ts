import { ConflictException, Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ArtifactWriter } from '../artifacts/artifact.writer';
import { BacktestRequest, BacktestService } from '../backtests/backtest.service';
import { NotFoundError } from '../backtests/input.error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { RunsRepository } from '../persistence/runs.repository';
import { StartedRunDto } from './dto/run.dto';
import { RunReadCache } from './run-read.cache';

interface Job {
  controller: AbortController;
  /** Settles (never rejects) once the run is stored as done, failed or cancelled. */
  settled: Promise<void>;
  /** Share of the engine loop done, as last reported by the executor. */
  fraction: number;
}

/**
 * The runs this server started and is executing: starts them through the BacktestService
 * (which runs them off the request thread through the API's RunExecutor), cancels and deletes
 * them. On shutdown, runs still executing are cancelled so none is left `running`.
 */
@Injectable()
export class BacktestJobs implements OnModuleDestroy {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly backtests: BacktestService,
    private readonly runs: RunsRepository,
    private readonly artifacts: ArtifactWriter,
    private readonly cache: RunReadCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stores each request as a queued run and starts it; resolves as soon as the ids are known. */
  async start(requests: BacktestRequest[]): Promise<StartedRunDto[]> {
    const started: StartedRunDto[] = [];
    for (const request of requests) {
      const job: Job = { controller: new AbortController(), settled: Promise.resolve(), fraction: 0 };
      const run = await this.backtests.start(request, { signal: job.controller.signal, onProgress: (f) => (job.fraction = f) });
      job.settled = run.completion.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        this.jobs.delete(run.id);
        this.cache.forget(run.id);
      });
      this.jobs.set(run.id, job);
      started.push({ id: run.id, status: 'queued', symbol: request.spec.symbol });
    }
    return started;
  }

  /** The live share done (0..1) of a run executing here, if it is. */
  progressOf(id: string): number | undefined {
    return this.jobs.get(id)?.fraction;
  }

  /**
   * Cancels a queued or running run: one executing here is interrupted (its worker stops) and
   * stored as cancelled; one left queued or running by another process is marked cancelled.
   * A run that already ended is a 409.
   */
  async cancel(id: string): Promise<{ id: string; status: 'cancelled' }> {
    const record = await this.runs.getRun(id);
    if (!record) throw new NotFoundError(`no run with id ${id}`);
    const job = this.jobs.get(id);
    if (job) {
      job.controller.abort(new Error(`run ${id} was cancelled`));
      await job.settled;
    } else if (record.status === 'queued' || record.status === 'running') {
      await this.runs.cancelRun(id);
    } else {
      throw new ConflictException(`run ${id} is ${record.status}: only queued or running runs can be cancelled`);
    }
    const after = await this.runs.getRun(id);
    if (after?.status !== 'cancelled') throw new ConflictException(`run ${id} ended (${after?.status ?? 'deleted'}) before it could be cancelled`);
    this.cache.forget(id);
    return { id, status: 'cancelled' };
  }

  /** Deletes a run, its stored results and its artifacts; a run still executing here is cancelled first. */
  async delete(id: string): Promise<void> {
    if (!(await this.runs.getRun(id))) throw new NotFoundError(`no run with id ${id}`);
    const job = this.jobs.get(id);
    if (job) {
      job.controller.abort(new Error(`run ${id} was deleted`));
      await job.settled;
    }
    await this.runs.deleteRun(id);
    await this.artifacts.removeRunArtifacts(this.config.backtestsDir, id);
    this.cache.forget(id);
  }

  async onModuleDestroy(): Promise<void> {
    const pending = [...this.jobs.values()];
    for (const job of pending) job.controller.abort(new Error('the server stopped'));
    await Promise.all(pending.map((j) => j.settled));
  }
}
