import { RunIdTakenError } from './run-id-taken.error';
import { newRunFixture } from './testing/new-run.fixture';
import { useTempRunsRepository } from './testing/temp-runs-repository.fixture';

const newRun = (id: string) => newRunFixture(id);

/** Storing new runs on a real SQLite file: ids taken, drawn again, and bursts sharing a commit. */
describe('RunsRepository new runs', () => {
  const db = useTempRunsRepository('tg-create-');

  it('refuses an id that is taken with a RunIdTakenError naming it', async () => {
    await db.runs.createRun(newRun('sma-cross-AAPL-20261205-060000-ab12'));
    await expect(db.runs.createRun(newRun('sma-cross-AAPL-20261205-060000-ab12'))).rejects.toThrow(new RunIdTakenError('sma-cross-AAPL-20261205-060000-ab12'));
  });

  it('draws a whole batch again when one of its ids is taken, storing nothing of the first draw', async () => {
    await db.runs.createRun(newRun('sma-cross-AAPL-20261205-060000-ab12'));
    const draws = [
      ['sma-cross-MSFT-20261205-060000-0001', 'sma-cross-AAPL-20261205-060000-ab12'],
      ['sma-cross-MSFT-20261205-060000-0002', 'sma-cross-AAPL-20261205-060000-cd34'],
    ];
    let drawn = 0;
    const started = await db.runs.startRunsWithFreshIds(() => draws[drawn++].map(newRun));
    expect(drawn).toBe(2);
    expect(started.map((r) => [r.id, r.status])).toEqual([
      ['sma-cross-MSFT-20261205-060000-0002', 'running'],
      ['sma-cross-AAPL-20261205-060000-cd34', 'running'],
    ]);
    expect(await db.runs.getRun('sma-cross-MSFT-20261205-060000-0001')).toBeNull();
    expect((await db.runs.getRun('sma-cross-AAPL-20261205-060000-ab12'))!.status).toBe('queued');
    await expect(db.runs.startRuns([newRun('sma-cross-AAPL-20261205-060000-ab12')])).rejects.toThrow(RunIdTakenError);
  });

  it('draws an id again when the one drawn is taken', async () => {
    await db.runs.createRun(newRun('sma-cross-AAPL-20261205-060000-ab12'));
    const draws = ['sma-cross-AAPL-20261205-060000-ab12', 'sma-cross-AAPL-20261205-060000-ab12', 'sma-cross-AAPL-20261205-060000-cd34'];
    const { id, ...run } = newRun('unused');
    const stored = await db.runs.createRunWithFreshId(run, () => draws.shift()!);
    expect(id).toBe('unused');
    expect(stored.id).toBe('sma-cross-AAPL-20261205-060000-cd34');
    expect(draws).toEqual([]);
    expect((await db.runs.listRuns()).map((r) => r.id).sort()).toEqual(['sma-cross-AAPL-20261205-060000-ab12', 'sma-cross-AAPL-20261205-060000-cd34']);
  });

  it('stores every run of a burst whose first draws all hit one taken id, each under an id of its own', async () => {
    const stem = 'sma-cross-AAPL-20261205-060000';
    await db.runs.createRun(newRun(`${stem}-0000`));
    const { id: _unused, ...run } = newRun('unused');
    const burst = Array.from({ length: 10 }, (_, i) => {
      const draws = [`${stem}-0000`, `${stem}-000${i}`.slice(-stem.length - 5)];
      return db.runs.createRunWithFreshId(run, () => draws.shift() ?? `${stem}-ffff`);
    });
    const ids = (await Promise.all(burst)).map((r) => r.id);
    expect(new Set(ids).size).toBe(10);
    expect(ids).not.toContain(`${stem}-0000`);
    expect((await db.runs.listRuns({ limit: 100 })).length).toBe(11);
  });

  it('answers each write of a burst on its own: a taken id fails alone, the others are stored in the same commits', async () => {
    await db.runs.createRun(newRun('taken'));
    const outcomes = await Promise.allSettled(['a', 'b', 'taken', 'c', 'd', 'd'].map((id) => db.runs.createRun(newRun(id))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(RunIdTakenError);
    expect((await db.runs.listRuns()).map((r) => r.id).sort()).toEqual(['a', 'b', 'c', 'd', 'taken']);
  });
});
