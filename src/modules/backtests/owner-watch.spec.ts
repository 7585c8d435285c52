import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from '../persistence/data-source.factory';
import { RunOwner } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { newRunFixture } from '../persistence/testing/new-run.fixture';
import { ActiveRuns } from './active-runs';
import { RunStopped } from './run-errors';
import { OwnerWatch } from './owner-watch';

const OWNER: RunOwner = { pid: 101, host: 'box', token: 'linux:boot:1001' };

const newRun = (id: string) => newRunFixture(id, { owner: OWNER });

/** The owner's side of cross-process cancels, on a real SQLite file written through two connections (as two processes would). */
describe('OwnerWatch', () => {
  let dir: string;
  let mine: DataSource;
  let theirs: DataSource;
  let heartbeat: OwnerWatch | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tg-heartbeat-'));
    mine = await createDataSource(join(dir, 'db.sqlite'));
    theirs = await createDataSource(join(dir, 'db.sqlite'));
  });
  afterEach(async () => {
    heartbeat?.stop();
    for (const ds of [mine, theirs]) if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const stoppedWith = (controller: AbortController) =>
    new Promise<RunStopped>((resolve) => controller.signal.addEventListener('abort', () => resolve(controller.signal.reason as RunStopped), { once: true }));

  it('stops a run cancelled by another process at its next status check, long before its next heartbeat is due', async () => {
    const runs = new RunsRepository(mine);
    await runs.createRun(newRun('r1'));
    await runs.markRunning('r1');
    const active = new ActiveRuns();
    const controller = new AbortController();
    active.add('r1', controller);
    // Heartbeats a minute apart: only the status watch can notice the cancel within the test.
    heartbeat = new OwnerWatch('run', runs, active, OWNER, 60_000, 100);
    heartbeat.wake();
    const heartbeatAt = (await runs.getRun('r1'))!.heartbeatAt;

    await new RunsRepository(theirs).cancelRun('r1', 'cancelled elsewhere');
    const stop = await stoppedWith(controller);

    expect(stop).toBeInstanceOf(RunStopped);
    expect([stop.status, stop.message]).toEqual(['cancelled', 'run r1 was cancelled by another process']);
    expect((await runs.getRun('r1'))!.heartbeatAt).toBe(heartbeatAt);
  });

  it('stops a run deleted by another process', async () => {
    const runs = new RunsRepository(mine);
    await runs.createRun(newRun('r2'));
    const active = new ActiveRuns();
    const controller = new AbortController();
    active.add('r2', controller);
    heartbeat = new OwnerWatch('run', runs, active, OWNER, 60_000, 100);
    heartbeat.wake();

    await new RunsRepository(theirs).deleteRun('r2');

    expect((await stoppedWith(controller)).message).toBe('run r2 was deleted');
  });

  it('refreshes the heartbeat of its active runs once an interval has passed', async () => {
    let now = Date.UTC(2026, 11, 5, 6, 0, 0);
    const runs = new RunsRepository(mine, () => new Date(now));
    await runs.createRun(newRun('r3'));
    const active = new ActiveRuns();
    active.add('r3', new AbortController());
    heartbeat = new OwnerWatch('run', runs, active, OWNER, 50, 10);
    heartbeat.wake();
    now += 5_000;
    const refreshed = new Date(now).toISOString();
    for (let i = 0; i < 200 && (await runs.getRun('r3'))!.heartbeatAt !== refreshed; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await runs.getRun('r3'))!.heartbeatAt).toBe(refreshed);
  });

  it('says once that it fails while the database is gone, and once that it works again', async () => {
    const runs = new RunsRepository(mine);
    await runs.createRun(newRun('r1'));
    const active = new ActiveRuns();
    active.add('r1', new AbortController());
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const notes = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      heartbeat = new OwnerWatch('run', new RunsRepository(theirs), active, OWNER, 60_000, 100);
      await theirs.destroy();
      for (let i = 0; i < 5; i++) await heartbeat.beat();
      expect(warnings).toHaveBeenCalledTimes(1);
      expect(String(warnings.mock.calls[0][0])).toMatch(/^run heartbeat failed \(tried again every 100 ms, said again when it works\): /);
      await theirs.initialize();
      await heartbeat.beat();
      await heartbeat.beat();
      expect(notes).toHaveBeenCalledTimes(1);
      expect(notes).toHaveBeenCalledWith('run heartbeat works again');
      expect(warnings).toHaveBeenCalledTimes(1);
    } finally {
      warnings.mockRestore();
      notes.mockRestore();
    }
  });
});
