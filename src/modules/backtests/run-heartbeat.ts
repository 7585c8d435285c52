import { Logger } from '@nestjs/common';
import type { RunOwner } from '../persistence/run-record';
import type { RunsRepository } from '../persistence/runs.repository';
import type { ActiveRuns } from './active-runs';
import { RunStopped } from './run-errors';
import { HEARTBEAT_INTERVAL_MS, STATUS_WATCH_INTERVAL_MS } from './run-owner';

/**
 * While this process has runs queued or running, watches them and refreshes their heartbeat:
 * every `watchMs` it reads their statuses (one indexed read), so a run cancelled, interrupted or
 * deleted by another process (`runs cancel`, `runs delete`, another server's API) stops here
 * within a fraction of a second; every `intervalMs` it also writes their heartbeat, which only
 * needs to be fresh enough for recovery to tell a live owner from a gone one. The timer never
 * keeps the process alive.
 */
export class RunHeartbeat {
  private readonly logger = new Logger('RunHeartbeat');
  private timer: NodeJS.Timeout | null = null;
  private beating = false;
  private lastBeatAt = 0;
  /** Set while ticks fail: a failure is logged when it starts and when it ends, not on every tick. */
  private failing = false;

  constructor(
    private readonly runs: RunsRepository,
    private readonly active: ActiveRuns,
    private readonly owner: RunOwner,
    private readonly intervalMs: number = HEARTBEAT_INTERVAL_MS,
    private readonly watchMs: number = STATUS_WATCH_INTERVAL_MS,
  ) {}

  /** Starts watching and beating (if not already): call when a run becomes active. */
  wake(): void {
    if (this.timer) return;
    // A run's row was just stored with a fresh heartbeat: the first write is due an interval later.
    this.lastBeatAt = Date.now();
    this.timer = setInterval(() => void this.beat(), Math.min(this.watchMs, this.intervalMs));
    this.timer.unref();
  }

  /** Stops when no run is active any more. */
  settle(): void {
    if (this.active.size > 0) return;
    this.stop();
  }

  /** Stops watching and beating, whatever is still active (the process is shutting down). */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** One tick: refresh the heartbeat when it is due, stop the runs that others ended. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const ids = this.active.ids();
      if (ids.length === 0) return;
      if (Date.now() - this.lastBeatAt >= this.intervalMs) {
        this.lastBeatAt = Date.now();
        await this.runs.heartbeat(this.owner.token);
      }
      const statuses = await this.runs.statusesOf(ids);
      for (const id of ids) {
        const status = statuses.get(id);
        if (status === undefined) this.active.stop(id, new RunStopped('cancelled', `run ${id} was deleted`));
        else if (status === 'cancelled' || status === 'interrupted') this.active.stop(id, new RunStopped(status, `run ${id} was ${status} by another process`));
      }
      if (this.failing) this.logger.log('heartbeat works again');
      this.failing = false;
    } catch (error) {
      // The next tick tries again; owners are judged gone only after HEARTBEAT_STALE_MS without a beat.
      if (!this.failing) this.logger.warn(`heartbeat failed (tried again every ${this.watchMs} ms, said again when it works): ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.beating = false;
    }
  }
}
