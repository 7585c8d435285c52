import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, dataSourceOptions } from '../data-source.factory';
import { RunsRepository } from '../runs.repository';
import { sampleResult } from '../testing/sample-result.fixture';
import { MIGRATIONS } from './index';

/** Upgrading a database made before runs had owners keeps every run and its results. */
describe('RunOwner1700000000012 migration', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the owner columns to an existing database without losing runs, trades or equity', async () => {
    const path = join(dir, 'db.sqlite');
    const earlier = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'RunOwner1700000000012'));
    const old = await new DataSource({ ...dataSourceOptions(path), migrations: earlier } as never).initialize();
    await old.query(
      `INSERT INTO runs (id, kind, status, strategy, symbol, profile, mode, from_date, to_date, config, timings, progress, created_at) ` +
        `VALUES ('old-run', 'backtest', 'running', 'sma-cross', 'AAPL', 'default', 'analytic', '2020-01-01', '2020-12-31', '{}', '{}', 0.5, '2026-01-01T00:00:00.000Z')`,
    );
    await old.query(`INSERT INTO run_equity (run_id, bar_index, date, equity, cash, position, close) VALUES ('old-run', 0, '2020-01-02', 1, 1, 0, 1)`);
    await old.destroy();

    const ds = await createDataSource(path);
    try {
      const runs = new RunsRepository(ds);
      expect(await runs.getRun('old-run')).toMatchObject({ status: 'running', progress: 0.5, owner: null, heartbeatAt: null, queueSeq: null, request: null });
      expect(await runs.getEquity('old-run')).toHaveLength(1);
      await runs.createRun({ id: 'new-run', strategy: 's', symbol: 'AAPL', profile: 'default', mode: 'analytic', fromDate: '2020-01-01', toDate: '2020-12-31', config: {} });
      await runs.completeRun('new-run', { manifest: {}, metrics: {}, timings: {}, resultHash: 'h', artifactsDir: null }, sampleResult(10, 1));
      expect(await runs.getEquity('new-run')).toHaveLength(10);
      // Later migrations first (the compact series), then this one.
      while ((await ds.query(`SELECT "name" FROM "migrations" ORDER BY "id" DESC LIMIT 1`))[0].name !== 'RunOwner1700000000012') await ds.undoLastMigration();
      await ds.undoLastMigration();
      const columns = (await ds.query(`PRAGMA table_info("runs")`)).map((c: { name: string }) => c.name);
      expect(columns.filter((c: string) => ['owner_pid', 'owner_host', 'owner_token', 'heartbeat_at', 'queue_seq', 'request'].includes(c))).toEqual([]);
      expect(await ds.query(`SELECT COUNT(*) AS n FROM "runs"`)).toEqual([{ n: 2 }]);
    } finally {
      await ds.destroy();
    }
  });
});
