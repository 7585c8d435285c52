import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source.factory';
import { RunOwner } from './run-record';
import { RunsRepository } from './runs.repository';
import { newRunFixture } from './testing/new-run.fixture';
import { sampleResult } from './testing/sample-result.fixture';

const ALICE: RunOwner = { pid: 101, host: 'box', token: 'linux:boot:1001' };
const BOB: RunOwner = { pid: 202, host: 'box', token: 'linux:boot:2002' };

const newRun = (id: string, owner: RunOwner | undefined, queueSeq?: number) => newRunFixture(id, { owner, queueSeq });

/** Owners, heartbeats, queue places and the transitions of recovery and resume, on a real SQLite file. */
describe('RunsRepository run lifecycle', () => {
  let dir: string;
  let ds: DataSource;
  let runs: RunsRepository;
  let tick: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tg-lifecycle-'));
    ds = await createDataSource(join(dir, 'db.sqlite'));
    tick = 0;
    runs = new RunsRepository(ds, () => new Date(Date.UTC(2026, 10, 23, 1, 0, 0) + 1000 * tick++));
  });
  afterEach(async () => {
    if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the owner, the first heartbeat, the queue number and the request with a new run', async () => {
    await runs.createRun(newRun('r1', ALICE, 7));
    expect(await runs.getRun('r1')).toMatchObject({
      status: 'queued',
      owner: ALICE,
      heartbeatAt: '2026-11-23T01:00:00.000Z',
      queueSeq: 7,
      request: { source: { kind: 'dataset', symbol: 'AAPL' }, inputs: {} },
    });
  });

  it("refreshes the heartbeat of an owner's queued and running runs only", async () => {
    await runs.createRun(newRun('queued', ALICE, 1));
    await runs.createRun(newRun('running', ALICE, 2));
    await runs.createRun(newRun('ended', ALICE, 3));
    await runs.createRun(newRun('other', BOB, 1));
    await runs.markRunning('running');
    await runs.cancelRun('ended', 'test');
    const before = (await runs.getRun('ended'))!.heartbeatAt;

    expect(await runs.heartbeat(ALICE.token)).toBe(2);

    const beat = (await runs.getRun('queued'))!.heartbeatAt;
    expect(beat! > before!).toBe(true);
    expect((await runs.getRun('running'))!.heartbeatAt).toBe(beat);
    expect((await runs.getRun('ended'))!.heartbeatAt).toBe(before);
    expect((await runs.getRun('other'))!.heartbeatAt).not.toBe(beat);
  });

  it('numbers the queued runs of each owner in queue order', async () => {
    await runs.createRun(newRun('a3', ALICE, 3));
    await runs.createRun(newRun('a1', ALICE, 1));
    await runs.createRun(newRun('a2', ALICE, 2));
    await runs.createRun(newRun('b1', BOB, 5));
    await runs.createRun(newRun('legacy', undefined));
    await runs.markRunning('a1');

    expect(Object.fromEntries(await runs.queuePositions())).toEqual({ a2: 1, a3: 2, b1: 1 });
    expect(await runs.getRunWithPlace('a3')).toMatchObject({ run: { id: 'a3', status: 'queued' }, queuePosition: 2 });
    expect(await runs.getRunWithPlace('a1')).toMatchObject({ run: { id: 'a1', status: 'running' }, queuePosition: null });
    expect(await runs.getRunWithPlace('legacy')).toMatchObject({ queuePosition: null });
    expect(await runs.getRunWithPlace('nope')).toBeNull();
  });

  it('interrupts a run only while it is active and still has the owner found gone', async () => {
    await runs.createRun(newRun('r', ALICE, 1));
    await runs.markRunning('r');
    expect(await runs.interruptRun('r', 'its process ended', BOB.token)).toBe(false);
    expect(await runs.interruptRun('r', 'its process ended', ALICE.token)).toBe(true);
    expect(await runs.getRun('r')).toMatchObject({ status: 'interrupted', error: 'its process ended', finishedAt: expect.any(String) });
    expect(await runs.interruptRun('r', 'again', ALICE.token)).toBe(false);

    await runs.createRun(newRun('legacy', undefined));
    expect(await runs.interruptRun('legacy', 'no owner', null)).toBe(true);
  });

  it('queues a cancelled or interrupted run again under its id for a new owner, its former outcome cleared', async () => {
    await runs.createRun(newRun('r', ALICE, 1));
    await runs.markRunning('r');
    await runs.updateProgress('r', 0.6);
    await runs.interruptRun('r', 'its process ended', ALICE.token);

    expect(await runs.requeueRun('r', BOB, 9)).toBe(true);

    expect(await runs.getRun('r')).toMatchObject({ status: 'queued', owner: BOB, queueSeq: 9, progress: 0, error: null, startedAt: null, finishedAt: null, config: { symbol: 'AAPL' } });
    expect(await runs.requeueRun('r', ALICE, 10)).toBe(false);
    await runs.markRunning('r');
    expect(await runs.completeRun('r', { manifest: {}, metrics: {}, timings: {}, resultHash: 'h', artifactsDir: null }, sampleResult())).toBe(true);
    expect(await runs.requeueRun('r', ALICE, 11)).toBe(false);
  });

  it('keeps the reason of a cancel and tells the statuses of the runs that exist', async () => {
    await runs.createRun(newRun('c', ALICE, 1));
    await runs.createRun(newRun('q', ALICE, 2));
    expect(await runs.cancelRun('c', 'cancelled by SIGINT')).toBe(true);
    expect((await runs.getRun('c'))?.error).toBe('cancelled by SIGINT');
    expect(Object.fromEntries(await runs.statusesOf(['c', 'q', 'gone']))).toEqual({ c: 'cancelled', q: 'queued' });
    expect((await runs.activeRuns()).map((r) => r.id)).toEqual(['q']);
  });
});
