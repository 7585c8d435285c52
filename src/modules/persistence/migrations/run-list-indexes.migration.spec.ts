import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../../test/support/databases';
import { dataSourceOptions } from '../data-source.factory';
import { MIGRATIONS } from '.';
import { RunListIndexes1700000000011 } from './1700000000011-run-list-indexes.migration';

/** The run list migration on a database that already holds runs: their metrics reach the sort columns. */
describeEachDatabase('RunListIndexes1700000000011', (db) => {
  let location: string;
  const open = (migrations: unknown[]) => new DataSource({ ...dataSourceOptions(location), migrations: migrations as never }).initialize();
  const m = db.mark;

  beforeEach(async () => {
    location = await db.fresh();
  });

  /** The table's columns and index names, read from the database's own catalogue. */
  const schemaOf = async (ds: DataSource) => {
    if (db.kind === 'sqlite') {
      const columns = (await ds.query(`PRAGMA table_info("runs")`)).map((c: { name: string }) => c.name);
      const indexes = (await ds.query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' AND name LIKE 'IDX_%'`)).map((i: { name: string }) => i.name);
      return { columns: columns as string[], indexes: indexes as string[] };
    }
    const columns = (await ds.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'runs'`)).map((c: { name: string }) => c.name);
    const indexes = (await ds.query(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'runs' AND indexname LIKE 'IDX_%'`)).map((i: { name: string }) => i.name);
    return { columns: columns as string[], indexes: indexes as string[] };
  };

  it('copies the metrics of runs stored before it into their sort columns, and undoes cleanly', async () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(RunListIndexes1700000000011));
    const old = await open(before);
    const insert = `INSERT INTO "runs" ("id", "kind", "status", "strategy", "symbol", "profile", "mode", "from_date", "to_date", "config", "metrics", "timings", "progress", "created_at")
      VALUES (${m(1)}, 'backtest', ${m(2)}, 'sma-cross', 'AAPL', 'default', 'analytic', '2015-01-01', '2015-12-31', '{}', ${m(3)}, '{}', 1, ${m(4)})`;
    await old.query(insert, ['done-1', 'done', JSON.stringify({ default: { sharpe: 0.1 + 0.2, totalReturn: null, profitFactor: null }, finsaber: { spr: -1.25 } }), '2026-01-01T00:00:00.000Z']);
    await old.query(insert, ['queued-1', 'queued', null, '2026-01-01T00:00:01.000Z']);
    await old.destroy();

    const migrated = await open(MIGRATIONS.slice(0, MIGRATIONS.indexOf(RunListIndexes1700000000011) + 1));
    const rows = await migrated.query(`SELECT "id", "sort_default_sharpe", "sort_default_total_return", "sort_finsaber_spr" FROM "runs" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: 'done-1', sort_default_sharpe: 0.1 + 0.2, sort_default_total_return: null, sort_finsaber_spr: -1.25 },
      { id: 'queued-1', sort_default_sharpe: null, sort_default_total_return: null, sort_finsaber_spr: null },
    ]);
    await migrated.undoLastMigration();
    const { columns, indexes } = await schemaOf(migrated);
    expect(columns.filter((c) => c.startsWith('sort_'))).toEqual([]);
    expect(indexes.sort()).toEqual(['IDX_runs_created_at', 'IDX_runs_status', 'IDX_runs_strategy', 'IDX_runs_symbol']);
    expect(await migrated.query(`SELECT CAST(COUNT(*) AS integer) AS n FROM "runs"`)).toEqual([{ n: 2 }]);
    await migrated.destroy();
  });
});
