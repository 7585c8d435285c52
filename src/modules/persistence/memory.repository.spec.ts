import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../test/support/databases';
import { MemoryCase } from '../../core/reflection/memory-case';
import { memoryCase } from '../../core/reflection/memory-case.fixture';
import { MemoryRepository } from './memory.repository';
import { RunsRepository } from './runs.repository';
import { sampleResult } from './testing/sample-result.fixture';

/** A sound case of `symbol` decided at the close of 2020-01-(2 + i). */
function storedCase(i: number, symbol = 'AAPL'): MemoryCase {
  const decidedAt = Date.UTC(2020, 0, 2 + i, 21);
  return memoryCase(i, { id: `${symbol}:${decidedAt}`, symbol, decidedAt, features: [0.1 * i, -0.2, 0.3, 0.4, 0.5, -0.6, i % 2] });
}

describeEachDatabase('MemoryRepository', (db) => {
  let ds: DataSource;
  let runs: RunsRepository;
  let memory: MemoryRepository;

  beforeEach(async () => {
    ds = await db.open();
    runs = new RunsRepository(ds);
    memory = new MemoryRepository(ds);
  });

  async function completedRun(id: string, cases: MemoryCase[], namedMemory: string | null) {
    await runs.createRun({ id, strategy: 'tradinggroup', symbol: 'AAPL', profile: 'default', mode: 'analytic', fromDate: '2020-01-01', toDate: '2020-12-31', config: {} });
    const result = { ...sampleResult(20, 1), memory: cases };
    await runs.completeRun(id, { manifest: {}, metrics: {}, timings: {}, resultHash: 'h'.repeat(64), artifactsDir: null, namedMemory }, result);
  }

  it("stores a run's cases under the run and in the named memory, stamped with the source run", async () => {
    const cases = [storedCase(1), storedCase(2), storedCase(3)];
    await completedRun('run-a', cases, 'shared');
    const own = await memory.runCases('run-a');
    expect(own.rejected).toEqual([]);
    expect(own.cases.map((c) => c.id)).toEqual(cases.map((c) => c.id));
    expect(own.cases[0]).toMatchObject({ ...cases[0], sourceRun: 'run-a', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const shared = await memory.load('shared');
    expect(shared.cases).toHaveLength(3);
    expect(await memory.listMemories()).toEqual([
      { name: 'shared', cases: 3, runs: 1, symbols: ['AAPL'], firstDecision: new Date(cases[0].decidedAt).toISOString(), lastKnown: new Date(cases[2].knownAt).toISOString() },
    ]);
  });

  it('never hands out a case whose stored text was altered', async () => {
    await completedRun('run-b', [storedCase(1), storedCase(2)], 'shared');
    const wHit = `"wHit":${storedCase(2).forecast.outcome.wHit}`;
    await ds.query(`UPDATE memory_cases SET payload = REPLACE(payload, ${db.mark(1)}, '"wHit":0.99') WHERE memory = 'shared' AND case_id LIKE '%' || ${db.mark(2)}`, [wHit, String(storedCase(2).decidedAt)]);
    const loaded = await memory.load('shared');
    expect(loaded.cases.map((c) => c.id)).toEqual([storedCase(1).id]);
    expect(loaded.rejected).toEqual([{ id: `run-b/${storedCase(2).id}`, reason: 'checksum mismatch: the stored case was altered' }]);
  });

  it("deleting a run removes its own cases but keeps what it added to a named memory; clear empties a memory", async () => {
    await completedRun('run-c', [storedCase(1)], 'shared');
    await runs.deleteRun('run-c');
    expect((await memory.runCases('run-c')).cases).toEqual([]);
    expect((await memory.load('shared')).cases).toHaveLength(1);
    expect(await memory.clear('shared')).toBe(1);
    expect(await memory.listMemories()).toEqual([]);
    await expect(memory.clear('run:x')).rejects.toThrow(/delete the run instead/);
  });

  it('filters a memory by symbol', async () => {
    await completedRun('run-d', [storedCase(1, 'AAPL'), storedCase(2, 'MSFT')], 'mixed');
    expect((await memory.load('mixed', 'MSFT')).cases.map((c) => c.symbol)).toEqual(['MSFT']);
  });
});
