import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PaperSessionSpec, parseFeed } from '../../core/paper/paper-spec';
import { PaperRepository, PaperSessionRecord } from '../persistence/paper';
import { PAPER_CONFIG, PaperConfig } from './paper-config';
import { PaperTicker, TickReport } from './paper-ticker.service';
import { missedTicks, nextTickAfter } from './tick-times';

/** Ticks a catch-up runs at most for a live feed (each tick takes every new bar) and for a replay. */
const LIVE_CATCH_UP = 1;
const REPLAY_CATCH_UP = 100_000;

/**
 * Runs sessions on their schedules: one dynamic job per session in Nest's SchedulerRegistry (a
 * cron job, or an interval for `tickEvery`), named `paper:<id>`. A process runs a session only
 * while it holds it (a lease in the database, renewed at every scan), so `serve` and
 * `paper run` never tick the same session at once; a lease whose process has ended (on this
 * machine) or that ran out is taken over. `serve` scans every few seconds and picks up sessions
 * started meanwhile (from the CLI too) and those another process let go of; it lets go of
 * sessions paused or stopped elsewhere. Ticks missed while nothing ran a session are caught up
 * in order before its job starts.
 */
@Injectable()
export class PaperScheduler implements OnModuleDestroy {
  /** This process, as it signs its leases: host, process id and a random part. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('PaperScheduler');
  private readonly held = new Map<string, PaperSessionSpec>();
  private scanTimer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private only: string | null = null;
  private stopped = false;
  /** Called after every tick a job runs (the foreground runner prints it). */
  onTick: ((id: string, report: TickReport) => void) | null = null;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly repo: PaperRepository,
    private readonly ticker: PaperTicker,
    @Inject(PAPER_CONFIG) private readonly config: PaperConfig,
  ) {}

  /** `serve`: runs every active session nobody else runs, now and at every scan. */
  startScanning(): void {
    if (this.scanTimer) return;
    this.scanTimer = setInterval(() => void this.scan(), this.config.scanMs);
    // The scans alone do not keep a process alive (serve's server and paper run's loop do).
    this.scanTimer.unref();
    void this.scan();
  }

  /** `paper run <id>`: runs this session alone; false if another process holds it. */
  async runOnly(id: string): Promise<boolean> {
    this.only = id;
    const session = await this.repo.getSession(id);
    if (!session || session.status !== 'active') return false;
    if (!(await this.claim(session))) return false;
    await this.adopt(session);
    this.scanTimer ??= setInterval(() => void this.scan(), this.config.scanMs);
    this.scanTimer.unref();
    return true;
  }

  /** The sessions this process runs now. */
  heldSessions(): string[] {
    return [...this.held.keys()];
  }

  /** One pass: renew what is held, let go of what is no longer active, pick up what nobody runs. */
  scan(): Promise<void> {
    this.scanning ??= this.scanOnce().finally(() => (this.scanning = null));
    return this.scanning;
  }

  /**
   * What a session's job runs at each tick (tests invoke it rather than wait on the schedule):
   * the tick itself, then the time of the next one, or the job goes if the session ended.
   */
  async runJob(id: string): Promise<TickReport | null> {
    const spec = this.held.get(id);
    if (!spec || this.stopped) return null;
    await this.repo.setNextTick(id, new Date(nextTickAfter(spec.schedule, Date.now())).toISOString());
    let report: TickReport;
    try {
      report = await this.ticker.tick(id);
    } catch (e) {
      this.logger.error(`tick of paper session ${id} failed: ${(e as Error).message}`);
      await this.repo.recordTick(id, 'failed', null, (e as Error).message).catch(() => undefined);
      return null;
    }
    this.onTick?.(id, report);
    const after = await this.repo.getSession(id);
    if (!after || after.status !== 'active') await this.letGo(id);
    return report;
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Stops scanning and every job, lets a tick under way finish, and lets go of the sessions held. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.scanTimer) clearInterval(this.scanTimer);
    this.scanTimer = null;
    await this.scanning;
    for (const id of [...this.held.keys()]) this.removeJob(id);
    // A tick under way finishes (its bar is stored whole or not at all) before the lease goes.
    while ([...this.held.keys()].some((id) => this.ticker.running(id))) await new Promise((r) => setTimeout(r, 20));
    for (const id of [...this.held.keys()]) await this.repo.release(id, this.owner).catch(() => undefined);
    this.held.clear();
  }

  private async scanOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.repo.renew(this.owner, Date.now() + this.config.leaseMs);
      for (const id of [...this.held.keys()]) {
        const s = await this.repo.getSession(id);
        if (!s || s.status !== 'active' || s.owner !== this.owner) await this.letGo(id);
      }
      const active = await this.repo.listSessions(['active']);
      for (const s of active.reverse()) {
        if (this.stopped || this.held.has(s.id) || (this.only !== null && s.id !== this.only)) continue;
        if (await this.claim(s)) await this.adopt(s);
      }
    } catch (e) {
      this.logger.error(`paper scan failed: ${(e as Error).message}`);
    }
  }

  private claim(s: PaperSessionRecord): Promise<boolean> {
    const now = Date.now();
    return this.repo.claim(s.id, this.owner, now + this.config.leaseMs, now, processGone);
  }

  /** Catches up the ticks the session missed, then gives it its job. */
  private async adopt(s: PaperSessionRecord): Promise<void> {
    const spec = PaperSessionSpec.parse(s.spec);
    this.held.set(s.id, spec);
    const now = Date.now();
    const due = s.nextTickAt ? Date.parse(s.nextTickAt) : now;
    const live = parseFeed(spec.feed)?.kind !== 'replay';
    const missed = missedTicks(spec.schedule, due, now, live ? LIVE_CATCH_UP : REPLAY_CATCH_UP);
    for (let i = 0; i < missed && !this.stopped; i++) {
      const report = await this.runJob(s.id);
      if (!this.held.has(s.id)) return;
      if (!report) break;
    }
    if (this.stopped || !this.held.has(s.id)) return;
    await this.repo.setNextTick(s.id, new Date(nextTickAfter(spec.schedule, Date.now())).toISOString());
    this.addJob(s.id, spec);
  }

  private addJob(id: string, spec: PaperSessionSpec): void {
    const name = jobName(id);
    if (this.registry.doesExist('cron', name) || this.registry.doesExist('interval', name)) return;
    const schedule = spec.schedule;
    if (schedule.kind === 'cron') {
      const job = new CronJob(schedule.expression, () => void this.runJob(id), null, false, schedule.timeZone);
      this.registry.addCronJob(name, job);
      job.start();
    } else {
      this.registry.addInterval(name, setInterval(() => void this.runJob(id), schedule.ms));
    }
  }

  private removeJob(id: string): void {
    const name = jobName(id);
    if (this.registry.doesExist('cron', name)) {
      void this.registry.getCronJob(name).stop();
      this.registry.deleteCronJob(name);
    }
    if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
  }

  private async letGo(id: string): Promise<void> {
    this.removeJob(id);
    this.held.delete(id);
    await this.repo.release(id, this.owner);
  }
}

/** The SchedulerRegistry name of a session's job. */
export function jobName(id: string): string {
  return `paper:${id}`;
}

/** True when the holder of a lease is a process of this machine that has ended. */
function processGone(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
