import type { DataSource } from 'typeorm';

/**
 * Inserts a `runs` row by plain SQL, with only the columns every schema version has: a migration
 * spec stores runs in a database migrated up to an older version, which the entities no longer match.
 */
export async function insertRunRow(ds: DataSource, id: string, status: 'running' | 'done'): Promise<void> {
  await ds.query(
    `INSERT INTO "runs" ("id", "kind", "status", "strategy", "symbol", "profile", "mode", "from_date", "to_date", "config", "timings", "progress", "created_at")
     VALUES ('${id}', 'backtest', '${status}', 'sma-cross', 'AAPL', 'default', 'analytic', '2020-01-01', '2020-01-03', '{}', '{}', 1, '2026-01-01T00:00:00.000Z')`,
  );
}
