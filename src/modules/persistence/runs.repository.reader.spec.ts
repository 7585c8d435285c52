import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, createReadDataSource } from './data-source.factory';
import { NewRun } from './run-record';
import { RunsRepository } from './runs.repository';
import { sampleResult } from './testing/sample-result.fixture';

const run = (id: string): NewRun => ({ id, strategy: 'sma-cross', symbol: 'AAPL', profile: 'default', mode: 'analytic', fromDate: '2020-01-01', toDate: '2020-12-31', config: {} });
const completion = { manifest: {}, metrics: {}, timings: {}, resultHash: 'h', artifactsDir: null };

/** The read-only second connection of a SQLite file: reads that do not wait for the writes. */
describe('RunsRepository with a reader connection', () => {
  let dir: string;
  let main: DataSource;
  let reader: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tg-reader-'));
    main = await createDataSource(join(dir, 'db.sqlite'));
    reader = (await createReadDataSource(main))!;
  });
  afterEach(async () => {
    await reader.destroy();
    await main.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a read while the results of a run are being stored, without waiting for them', async () => {
    const runs = new RunsRepository(main, undefined, reader);
    await runs.createRun(run('big'));
    await runs.createRun(run('other'));
    const order: string[] = [];
    const storing = runs.completeRun('big', completion, sampleResult(20_000, 500)).then(() => order.push('stored'));
    await new Promise((r) => setImmediate(r));
    const read = runs.getRun('other').then((r) => order.push(`read ${r?.status}`));
    await Promise.all([storing, read]);
    expect(order).toEqual(['read queued', 'stored']);
    expect((await runs.getRun('big'))?.status).toBe('done');
  });

  it('reads what the main connection committed, and refuses to write', async () => {
    const runs = new RunsRepository(main, undefined, reader);
    await runs.createRun(run('r'));
    await runs.markRunning('r');
    expect((await runs.getRun('r'))?.status).toBe('running');
    await expect(reader.query(`UPDATE "runs" SET "status" = 'done'`)).rejects.toThrow(/readonly|read-only|query_only/i);
  });

  it('gives a data version that moves with every commit, by this repository or another connection', async () => {
    const runs = new RunsRepository(main, undefined, reader);
    const first = await runs.dataVersion();
    expect(await runs.dataVersion()).toBe(first);
    await runs.createRun(run('mine'));
    const afterOwn = await runs.dataVersion();
    expect(afterOwn).not.toBe(first);
    const other = await createDataSource(join(dir, 'db.sqlite'));
    try {
      await new RunsRepository(other).createRun(run('theirs'));
    } finally {
      await other.destroy();
    }
    expect(await runs.dataVersion()).not.toBe(afterOwn);
    expect(await new RunsRepository(main).dataVersion()).toBeNull();
  });

  it('is not opened for an in-memory database', async () => {
    const memory = await createDataSource(':memory:');
    try {
      expect(await createReadDataSource(memory)).toBeNull();
    } finally {
      await memory.destroy();
    }
  });
});
