import { Logger } from '@nestjs/common';
import { RunStopped } from '../backtests/run-errors';
import type { RunOwner } from '../persistence/run-record';
import type { StudiesRepository } from '../persistence/studies.repository';

/**
 * How often the owner of running studies beats their heartbeat and reads their statuses: a
 * study cancelled from another process (`sweep cancel`, another server) stops within this.
 */
export const STUDY_WATCH_INTERVAL_MS = 400;

/** The studies a process executes, as the watch sees them. */
export interface WatchedStudies {
  ids(): string[];
  stop(id: string, reason: RunStopped): void;
}

/**
 * While this process runs studies, refreshes their heartbeat and stops those that another
 * process ended (cancelled, interrupted) or deleted. One query of each kind per beat, however
 * many studies run; the timer never keeps the process alive.
 */
export class StudyWatch {
  private readonly logger = new Logger('StudyWatch');
  private timer: NodeJS.Timeout | null = null;
  private beating = false;

  constructor(
    private readonly studies: StudiesRepository,
    private readonly owner: RunOwner,
    private readonly watched: WatchedStudies,
    private readonly intervalMs: number = STUDY_WATCH_INTERVAL_MS,
  ) {}

  /** Starts beating (if not already): call when a study starts. */
  wake(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops beating once no study runs here any more. */
  settle(running: number): void {
    if (running > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const ids = this.watched.ids();
      if (ids.length === 0) return;
      await this.studies.heartbeat(this.owner.token, new Date().toISOString());
      const statuses = await this.studies.statusesOf(ids);
      for (const id of ids) {
        const status = statuses.get(id);
        if (status === undefined) this.watched.stop(id, new RunStopped('cancelled', `study ${id} was deleted`));
        else if (status === 'cancelled' || status === 'interrupted') this.watched.stop(id, new RunStopped(status, `study ${id} was ${status} by another process`));
      }
    } catch (error) {
      // The next beat tries again; owners are judged gone only after a long silence.
      this.logger.warn(`study heartbeat failed: ${(error as Error).message}`);
    } finally {
      this.beating = false;
    }
  }
}
