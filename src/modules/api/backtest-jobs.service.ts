import { ConflictException, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BacktestRequest, BacktestService } from '../backtests/backtest.service';
import { ConflictError } from '../backtests/input.error';
import { RunRecovery } from '../backtests/run-recovery.service';
import { StartedRunDto } from './dto/run.dto';
import { RunDispatcher } from './run-dispatcher';
import { RunReadCache } from './run-read.cache';

/**
 * The API's side of the run lifecycle: starts runs through its RunDispatcher (this process's
 * worker threads, or a queue for `tradinggroup worker` processes), cancels and deletes them,
 * and keeps the read cache in step.
 * When the server starts, runs left by a process that is gone are marked interrupted (when it
 * stops, its BacktestService stores the runs it still has as interrupted).
 */
@Injectable()
export class BacktestJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('BacktestJobs');

  constructor(
    private readonly backtests: BacktestService,
    private readonly recovery: RunRecovery,
    private readonly cache: RunReadCache,
    private readonly dispatcher: RunDispatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.recovery.recover();
    for (const run of report.interrupted) this.logger.warn(`run ${run.id} is interrupted: ${run.reason}`);
    if (report.removedTempDirs.length > 0) this.logger.warn(`removed ${report.removedTempDirs.length} temporary artifact directories left by interrupted writes`);
  }

  /** Stores each request as a queued run; resolves as soon as the ids are known. */
  async start(requests: BacktestRequest[]): Promise<StartedRunDto[]> {
    const started: StartedRunDto[] = [];
    for (const request of requests) {
      const id = await this.dispatcher.dispatch(request);
      started.push({ id, status: 'queued', symbol: request.spec.symbol });
    }
    return started;
  }

  /** The live share done (0..1) of a run being executed, as its dispatcher last heard. */
  progressOf(id: string): number | undefined {
    return this.dispatcher.progressOf(id);
  }

  /**
   * Cancels a queued or running run: one queued here leaves the queue, one running here has its
   * worker terminated, and it is stored as cancelled before the answer; one of another process
   * is stored as cancelled and stopped by its owner. A run that already ended is a 409.
   */
  async cancel(id: string): Promise<{ id: string; status: 'cancelled' }> {
    try {
      await this.backtests.cancel(id, 'cancelled through the API');
    } catch (e) {
      if (e instanceof ConflictError) throw new ConflictException(e.message);
      throw e;
    } finally {
      this.cache.forget(id);
    }
    await this.dispatcher.withdraw(id);
    return { id, status: 'cancelled' };
  }

  /** Deletes a run, its stored results and its artifacts; a run still executing here is stopped first. */
  async delete(id: string): Promise<void> {
    try {
      await this.backtests.delete(id);
    } finally {
      this.cache.forget(id);
    }
    await this.dispatcher.withdraw(id);
  }
}
