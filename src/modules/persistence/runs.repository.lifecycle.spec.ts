import { RunOwner } from './run-record';
import { newRunFixture } from './testing/new-run.fixture';
import { sampleResult } from './testing/sample-result.fixture';
import { useTempRunsRepository } from './testing/temp-runs-repository.fixture';

const ALICE: RunOwner = { pid: 101, host: 'box', token: 'linux:boot:1001' };
const BOB: RunOwner = { pid: 202, host: 'box', token: 'linux:boot:2002' };

const newRun = (id: string, owner: RunOwner | undefined, queueSeq?: number) => newRunFixture(id, { owner, queueSeq });

/** Owners, heartbeats, queue places and the transitions of recovery and resume, on a real SQLite file. */
describe('RunsRepository run lifecycle', () => {
  // A clock a second later at each reading, from 2026-11-23 01:00 UTC in every test.
  const db = useTempRunsRepository('tg-lifecycle-', () => {
    let tick = 0;
    return () => new Date(Date.UTC(2026, 10, 23, 1, 0, 0) + 1000 * tick++);
  });

  it('stores the owner, the first heartbeat, the queue number and the request with a new run', async () => {
    await db.runs.createRun(newRun('r1', ALICE, 7));
    expect(await db.runs.getRun('r1')).toMatchObject({
      status: 'queued',
      owner: ALICE,
      heartbeatAt: '2026-11-23T01:00:00.000Z',
      queueSeq: 7,
      request: { source: { kind: 'dataset', symbol: 'AAPL' }, inputs: {} },
    });
  });

  it("refreshes the heartbeat of an owner's queued and running runs only", async () => {
    await db.runs.createRun(newRun('queued', ALICE, 1));
    await db.runs.createRun(newRun('running', ALICE, 2));
    await db.runs.createRun(newRun('ended', ALICE, 3));
    await db.runs.createRun(newRun('other', BOB, 1));
    await db.runs.markRunning('running');
    await db.runs.cancelRun('ended', 'test');
    const before = (await db.runs.getRun('ended'))!.heartbeatAt;

    expect(await db.runs.heartbeat(ALICE.token)).toBe(2);

    const beat = (await db.runs.getRun('queued'))!.heartbeatAt;
    expect(beat! > before!).toBe(true);
    expect((await db.runs.getRun('running'))!.heartbeatAt).toBe(beat);
    expect((await db.runs.getRun('ended'))!.heartbeatAt).toBe(before);
    expect((await db.runs.getRun('other'))!.heartbeatAt).not.toBe(beat);
  });

  it('numbers the queued runs of each owner in queue order', async () => {
    await db.runs.createRun(newRun('a3', ALICE, 3));
    await db.runs.createRun(newRun('a1', ALICE, 1));
    await db.runs.createRun(newRun('a2', ALICE, 2));
    await db.runs.createRun(newRun('b1', BOB, 5));
    await db.runs.createRun(newRun('legacy', undefined));
    await db.runs.markRunning('a1');

    expect(Object.fromEntries(await db.runs.queuePositions())).toEqual({ a2: 1, a3: 2, b1: 1 });
    expect(await db.runs.getRunWithPlace('a3')).toMatchObject({ run: { id: 'a3', status: 'queued' }, queuePosition: 2 });
    expect(await db.runs.getRunWithPlace('a1')).toMatchObject({ run: { id: 'a1', status: 'running' }, queuePosition: null });
    expect(await db.runs.getRunWithPlace('legacy')).toMatchObject({ queuePosition: null });
    expect(await db.runs.getRunWithPlace('nope')).toBeNull();
  });

  it('interrupts a run only while it is active and still has the owner found gone', async () => {
    await db.runs.createRun(newRun('r', ALICE, 1));
    await db.runs.markRunning('r');
    expect(await db.runs.interruptRun('r', 'its process ended', BOB.token)).toBe(false);
    expect(await db.runs.interruptRun('r', 'its process ended', ALICE.token)).toBe(true);
    expect(await db.runs.getRun('r')).toMatchObject({ status: 'interrupted', error: 'its process ended', finishedAt: expect.any(String) });
    expect(await db.runs.interruptRun('r', 'again', ALICE.token)).toBe(false);

    await db.runs.createRun(newRun('legacy', undefined));
    expect(await db.runs.interruptRun('legacy', 'no owner', null)).toBe(true);
  });

  it('queues a cancelled or interrupted run again under its id for a new owner, its former outcome cleared', async () => {
    await db.runs.createRun(newRun('r', ALICE, 1));
    await db.runs.markRunning('r');
    await db.runs.updateProgress('r', 0.6);
    await db.runs.interruptRun('r', 'its process ended', ALICE.token);

    expect(await db.runs.requeueRun('r', BOB, 9)).toBe(true);

    expect(await db.runs.getRun('r')).toMatchObject({ status: 'queued', owner: BOB, queueSeq: 9, progress: 0, error: null, startedAt: null, finishedAt: null, config: { symbol: 'AAPL' } });
    expect(await db.runs.requeueRun('r', ALICE, 10)).toBe(false);
    await db.runs.markRunning('r');
    expect(await db.runs.completeRun('r', { manifest: {}, metrics: {}, timings: {}, resultHash: 'h', artifactsDir: null }, sampleResult())).toBe(true);
    expect(await db.runs.requeueRun('r', ALICE, 11)).toBe(false);
  });

  it('keeps the reason of a cancel and tells the statuses of the runs that exist', async () => {
    await db.runs.createRun(newRun('c', ALICE, 1));
    await db.runs.createRun(newRun('q', ALICE, 2));
    expect(await db.runs.cancelRun('c', 'cancelled by SIGINT')).toBe(true);
    expect((await db.runs.getRun('c'))?.error).toBe('cancelled by SIGINT');
    expect(Object.fromEntries(await db.runs.statusesOf(['c', 'q', 'gone']))).toEqual({ c: 'cancelled', q: 'queued' });
    expect((await db.runs.activeRuns()).map((r) => r.id)).toEqual(['q']);
  });
});
