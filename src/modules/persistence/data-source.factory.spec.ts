import { MIGRATIONS } from './migrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createPostgresDatabase } from '../../../test/support/databases';
import { describeWithPostgres } from '../../../test/support/services';
import { createDataSource, dataSourceOptions } from './data-source.factory';
import { RunsRepository } from './runs.repository';
import { sampleResult } from './testing/sample-result.fixture';

describe('createDataSource', () => {
  let dir: string;
  const open: DataSource[] = [];
  const track = async (ds: Promise<DataSource>) => {
    const ready = await ds;
    open.push(ready);
    return ready;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-ds-'));
  });
  afterEach(async () => {
    for (const ds of open.splice(0)) if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent directory and the schema on a fresh file', async () => {
    const ds = await track(createDataSource(join(dir, 'nested', 'deeper', 'db.sqlite')));
    const tables = await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
    expect(tables.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['migrations', 'run_series', 'run_trace_blocks', 'runs']),
    );
    const indexes = await ds.query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'`);
    expect(indexes.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['IDX_runs_created', 'IDX_runs_status_created', 'IDX_runs_strategy_created', 'IDX_runs_symbol_created', 'IDX_runs_sort_default_sharpe']),
    );
  });

  it('runs the migrations once: reopening the file applies nothing new', async () => {
    const path = join(dir, 'db.sqlite');
    await (await createDataSource(path)).destroy();
    const again = await track(createDataSource(path));
    expect(await again.showMigrations()).toBe(false);
    expect(await again.query('SELECT name FROM migrations ORDER BY id')).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
  });

  it('leaves the migrated schema identical to what the entities describe', async () => {
    const ds = await track(createDataSource(join(dir, 'db.sqlite')));
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('opens SQLite in WAL mode with a busy timeout, foreign keys on and commits synced at checkpoints', async () => {
    const ds = await track(createDataSource(join(dir, 'db.sqlite')));
    expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await ds.query('PRAGMA busy_timeout')).toEqual([{ timeout: 10000 }]);
    expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
  });

  it('keeps sqlite3 out of its verbose mode, which would format every statement\'s parameters', async () => {
    const ds = await track(createDataSource(join(dir, 'db.sqlite')));
    // In verbose mode sqlite3 appends the call and its arguments to its error's stack.
    const error = (await ds.query('SELECT * FROM no_such_table WHERE id = ?', ['secret-value']).catch((e: Error) => e)) as Error & { driverError: Error };
    expect(error.message).toMatch(/no such table: no_such_table/);
    expect(error.driverError.stack).not.toMatch(/--> in Database#/);
    expect(error.driverError.stack).not.toMatch(/secret-value/);
  });

  it('lets two DataSources on the same file both read what one wrote', async () => {
    const path = join(dir, 'db.sqlite');
    const first = await track(createDataSource(path));
    const second = await track(createDataSource(path));
    const runs = new RunsRepository(first);
    await runs.createRun({
      id: 'shared-1', strategy: 's', symbol: 'AAPL', profile: 'sane', mode: 'analytic',
      fromDate: '2020-01-01', toDate: '2020-12-31', config: {},
    });
    await runs.markRunning('shared-1');
    expect((await new RunsRepository(second).getRun('shared-1'))?.status).toBe('running');
    expect((await runs.getRun('shared-1'))?.status).toBe('running');
  });

  it('lets two DataSources on the same file write at once, the second waiting for the first', async () => {
    const path = join(dir, 'db.sqlite');
    const writers = [new RunsRepository(await track(createDataSource(path))), new RunsRepository(await track(createDataSource(path)))];
    const ids = ['w-0', 'w-1'];
    for (const [i, id] of ids.entries()) {
      await writers[i].createRun({
        id, strategy: 's', symbol: 'AAPL', profile: 'sane', mode: 'analytic',
        fromDate: '2020-01-01', toDate: '2020-12-31', config: {},
      });
    }
    const completion = { manifest: {}, metrics: {}, timings: {}, resultHash: 'h', artifactsDir: null };

    const done = await Promise.all(ids.map((id, i) => writers[i].completeRun(id, completion, sampleResult(3000, 50))));

    expect(done).toEqual([true, true]);
    for (const id of ids) expect(await writers[0].getEquity(id)).toHaveLength(3000);
  });

  it('selects Postgres for a postgres URL and refuses other URLs', () => {
    expect(dataSourceOptions('postgres://u:p@localhost:5432/tg')).toMatchObject({ type: 'postgres', url: 'postgres://u:p@localhost:5432/tg' });
    expect(dataSourceOptions(join(dir, 'x.sqlite'))).toMatchObject({ type: 'sqlite', enableWAL: true, migrationsRun: true, synchronize: false });
    expect(() => dataSourceOptions('mysql://u:secret@host/db')).toThrow(/Unsupported database URL: mysql:\/\/\*\*\*@host/);
  });
});

describeWithPostgres('createDataSource on Postgres', () => {
  const dropped: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const drop of dropped.splice(0)) await drop();
  });
  const freshDatabase = async () => {
    const created = await createPostgresDatabase();
    dropped.push(created.drop);
    return created.url;
  };

  it('creates the schema on a fresh database, identical to what the entities describe, and applies it once', async () => {
    const url = await freshDatabase();
    const first = await createDataSource(url);
    try {
      const tables = await first.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
      expect(tables.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['llm_exchanges', 'memory_cases', 'migrations', 'run_series', 'run_trace_blocks', 'runs']),
      );
      expect((await first.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await first.destroy();
    }
    const again = await createDataSource(url);
    try {
      expect(await again.showMigrations()).toBe(false);
      expect(await again.query('SELECT name FROM migrations ORDER BY id')).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
    } finally {
      await again.destroy();
    }
  });

  it('lets two DataSources on one database complete runs at once', async () => {
    const url = await freshDatabase();
    const sources = [await createDataSource(url), await createDataSource(url)];
    try {
      const writers = sources.map((ds) => new RunsRepository(ds));
      const ids = ['w-0', 'w-1'];
      for (const [i, id] of ids.entries()) {
        await writers[i].createRun({ id, strategy: 's', symbol: 'AAPL', profile: 'sane', mode: 'analytic', fromDate: '2020-01-01', toDate: '2020-12-31', config: {} });
      }
      const completion = { manifest: {}, metrics: {}, timings: {}, resultHash: 'h', artifactsDir: null };
      expect(await Promise.all(ids.map((id, i) => writers[i].completeRun(id, completion, sampleResult(3000, 50))))).toEqual([true, true]);
      for (const id of ids) expect(await writers[1].getEquity(id)).toHaveLength(3000);
    } finally {
      for (const ds of sources) await ds.destroy();
    }
  });
});
