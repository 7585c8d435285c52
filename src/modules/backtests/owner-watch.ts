import { Logger } from '@nestjs/common';
import type { RunOwner } from '../persistence/run-record';
import { RunStopped } from './run-errors';
import { HEARTBEAT_INTERVAL_MS, STATUS_WATCH_INTERVAL_MS } from './run-owner';

/** The stored records an owner watches (runs, or studies): their heartbeat and their statuses. */
export interface OwnedRecords {
  /** Refreshes the heartbeat of this owner's records that are still going. */
  heartbeat(ownerToken: string): Promise<unknown>;
  /** The statuses of the records that still exist among `ids`. */
  statusesOf(ids: readonly string[]): Promise<Map<string, string>>;
}

/** What this process executes, as the watch sees it. */
export interface WatchedWork {
  ids(): string[];
  stop(id: string, reason: RunStopped): void;
}

/**
 * While this process executes runs (or studies), watches them and refreshes their heartbeat:
 * every `watchMs` it reads their statuses (one indexed read), so one cancelled, interrupted or
 * deleted by another process (`runs cancel`, `sweep cancel`, another server's API) stops here
 * within a fraction of a second; every `intervalMs` it also writes their heartbeat, which only
 * needs to be fresh enough for recovery to tell a live owner from a gone one. The timer never
 * keeps the process alive.
 */
export class OwnerWatch {
  private readonly logger = new Logger('OwnerWatch');
  private timer: NodeJS.Timeout | null = null;
  private beating = false;
  private lastBeatAt = 0;
  /** Set while ticks fail: a failure is logged when it starts and when it ends, not on every tick. */
  private failing = false;

  /** `noun` names what is watched in the stop reasons ("run r1 was deleted"). */
  constructor(
    private readonly noun: 'run' | 'study',
    private readonly records: OwnedRecords,
    private readonly work: WatchedWork,
    private readonly owner: RunOwner,
    private readonly intervalMs: number = HEARTBEAT_INTERVAL_MS,
    private readonly watchMs: number = STATUS_WATCH_INTERVAL_MS,
  ) {}

  /** Starts watching and beating (if not already): call when a run or study starts. */
  wake(): void {
    if (this.timer) return;
    // Its row was just stored with a fresh heartbeat: the first write is due an interval later.
    this.lastBeatAt = Date.now();
    this.timer = setInterval(() => void this.beat(), Math.min(this.watchMs, this.intervalMs));
    this.timer.unref();
  }

  /** Stops once nothing is executed here any more. */
  settle(): void {
    if (this.work.ids().length > 0) return;
    this.stop();
  }

  /** Stops watching and beating, whatever is still going (the process is shutting down). */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  /** One tick: refresh the heartbeat when it is due, stop what others ended. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const ids = this.work.ids();
      if (ids.length === 0) return;
      if (Date.now() - this.lastBeatAt >= this.intervalMs) {
        this.lastBeatAt = Date.now();
        await this.records.heartbeat(this.owner.token);
      }
      const statuses = await this.records.statusesOf(ids);
      for (const id of ids) {
        const status = statuses.get(id);
        const what = `${this.noun} ${id}`;
        if (status === undefined) this.work.stop(id, new RunStopped('cancelled', `${what} was deleted`));
        else if (status === 'cancelled' || status === 'interrupted') this.work.stop(id, new RunStopped(status, `${what} was ${status} by another process`));
      }
      if (this.failing) this.logger.log(`${this.noun} heartbeat works again`);
      this.failing = false;
    } catch (error) {
      // The next tick tries again; owners are judged gone only after HEARTBEAT_STALE_MS without a beat.
      if (!this.failing) this.logger.warn(`${this.noun} heartbeat failed (tried again every ${this.watchMs} ms, said again when it works): ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.beating = false;
    }
  }
}
