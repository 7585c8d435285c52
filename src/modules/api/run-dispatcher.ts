import { Injectable } from '@nestjs/common';
import { BacktestRequest, BacktestService } from '../backtests/backtest.service';
import { RunReadCache } from './run-read.cache';

/**
 * Where the API sends the runs it is asked for. Embedded (the default): this process executes
 * them in its worker threads. Queued (the scale mode, TRADINGGROUP_QUEUE): they go on a BullMQ
 * queue and `tradinggroup worker` processes execute them. Either way the run is stored as
 * queued before its id is answered, and its outcome is stored with it.
 */
export abstract class RunDispatcher {
  /** Validates and stores the run as queued and hands it on; resolves with its id. */
  abstract dispatch(request: BacktestRequest): Promise<string>;

  /** The latest share done (0..1) of a run being executed, when this dispatcher hears of it. */
  abstract progressOf(id: string): number | undefined;

  /** After a run was cancelled or deleted: drops what the dispatcher still holds of it. */
  abstract withdraw(id: string): Promise<void>;
}

/** Runs executed by this process's BacktestService. */
@Injectable()
export class EmbeddedRunDispatcher extends RunDispatcher {
  constructor(
    private readonly backtests: BacktestService,
    private readonly cache: RunReadCache,
  ) {
    super();
  }

  async dispatch(request: BacktestRequest): Promise<string> {
    const run = await this.backtests.start(request);
    run.completion.finally(() => this.cache.forget(run.id)).catch(() => undefined);
    return run.id;
  }

  progressOf(id: string): number | undefined {
    return this.backtests.progressOf(id);
  }

  async withdraw(): Promise<void> {
    // A run of this process leaves its queue when it is cancelled: nothing else holds it.
  }
}
