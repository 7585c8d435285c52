import { Logger } from '@nestjs/common';
import type { RunOwner } from '../persistence/run-record';
import type { RunsRepository } from '../persistence/runs.repository';
import type { ActiveRuns } from './active-runs';
import { RunStopped } from './run-errors';
import { HEARTBEAT_INTERVAL_MS } from './run-owner';

/**
 * While this process has runs queued or running, refreshes their heartbeat every interval and
 * watches them: a run cancelled, interrupted or deleted by another process (`runs cancel`,
 * `runs delete`, another server's API) is stopped here. The timer never keeps the process alive.
 */
export class RunHeartbeat {
  private readonly logger = new Logger('RunHeartbeat');
  private timer: NodeJS.Timeout | null = null;
  private beating = false;

  constructor(
    private readonly runs: RunsRepository,
    private readonly active: ActiveRuns,
    private readonly owner: RunOwner,
    private readonly intervalMs: number = HEARTBEAT_INTERVAL_MS,
  ) {}

  /** Starts beating (if not already): call when a run becomes active. */
  wake(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops beating when no run is active any more. */
  settle(): void {
    if (this.active.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** One beat: refresh the heartbeat, stop the runs that others ended. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const ids = this.active.ids();
      if (ids.length === 0) return;
      await this.runs.heartbeat(this.owner.token);
      const statuses = await this.runs.statusesOf(ids);
      for (const id of ids) {
        const status = statuses.get(id);
        if (status === undefined) this.active.stop(id, new RunStopped('cancelled', `run ${id} was deleted`));
        else if (status === 'cancelled' || status === 'interrupted') this.active.stop(id, new RunStopped(status, `run ${id} was ${status} by another process`));
      }
    } catch (error) {
      // The next beat tries again; owners are judged gone only after HEARTBEAT_STALE_MS without one.
      this.logger.warn(`heartbeat failed: ${(error as Error).message}`);
    } finally {
      this.beating = false;
    }
  }
}
