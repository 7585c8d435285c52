import { MigrationInterface, QueryRunner } from 'typeorm';

// The metric sort columns as of this migration (written out: a migration must not change when the
// code's list of metrics does; a later metric gets its column in a later migration).
const METRIC_COLUMNS = [
  'sort_default_bars', 'sort_default_final_equity', 'sort_default_total_return', 'sort_default_annual_return',
  'sort_default_sharpe', 'sort_default_sortino', 'sort_default_max_drawdown', 'sort_default_calmar',
  'sort_default_annual_volatility', 'sort_default_win_rate', 'sort_default_profit_factor', 'sort_default_trade_count',
  'sort_default_exposure', 'sort_default_turnover', 'sort_default_avg_holding_bars',
  'sort_finsaber_spr', 'sort_finsaber_cr', 'sort_finsaber_mdd', 'sort_finsaber_av', 'sort_finsaber_annual_return',
];
const SINGLE_COLUMN_INDEXES = ['IDX_runs_status', 'IDX_runs_strategy', 'IDX_runs_symbol', 'IDX_runs_created_at'];
/** Each list filter with the default order (newest first, then id), and the order alone. */
const LIST_INDEXES: Array<[string, string[]]> = [
  ['IDX_runs_created', ['created_at', 'id']],
  ['IDX_runs_status_created', ['status', 'created_at', 'id']],
  ['IDX_runs_strategy_created', ['strategy', 'created_at', 'id']],
  ['IDX_runs_symbol_created', ['symbol', 'created_at', 'id']],
];
const BACKFILL_BATCH = 500;

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
const metricIndexName = (column: string) => `IDX_runs_${column}`;

/**
 * Indexes for every order and filter of the run list: the default order and each filter with it,
 * and one column per metric (copied from the metrics JSON, which no portable index can read) with
 * an index on (metric, id). Plain SQL that SQLite and Postgres both take.
 */
export class RunListIndexes1700000000011 implements MigrationInterface {
  name = 'RunListIndexes1700000000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const name of SINGLE_COLUMN_INDEXES) await queryRunner.query(`DROP INDEX "${name}"`);
    for (const [name, columns] of LIST_INDEXES) await queryRunner.query(`CREATE INDEX "${name}" ON "runs" (${quoted(columns)})`);
    for (const column of METRIC_COLUMNS) {
      await queryRunner.query(`ALTER TABLE "runs" ADD COLUMN "${column}" double precision`);
      await queryRunner.query(`CREATE INDEX "${metricIndexName(column)}" ON "runs" (${quoted([column, 'id'])})`);
    }
    await backfill(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of METRIC_COLUMNS) {
      await queryRunner.query(`DROP INDEX "${metricIndexName(column)}"`);
      await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "${column}"`);
    }
    for (const [name] of LIST_INDEXES) await queryRunner.query(`DROP INDEX "${name}"`);
    for (const name of SINGLE_COLUMN_INDEXES) {
      const column = name.replace('IDX_runs_', '');
      await queryRunner.query(`CREATE INDEX "${name}" ON "runs" ("${column}")`);
    }
  }
}

/** Copies the metrics of runs stored before this migration into their sort columns. */
async function backfill(queryRunner: QueryRunner): Promise<void> {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const mark = (i: number) => (postgres ? `$${i}` : '?');
  const assignments = METRIC_COLUMNS.map((c, i) => `"${c}" = ${mark(i + 1)}`).join(', ');
  let after = '';
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT "id", "metrics" FROM "runs" WHERE "metrics" IS NOT NULL AND "id" > ${mark(1)} ORDER BY "id" LIMIT ${BACKFILL_BATCH}`,
      [after],
    )) as Array<{ id: string; metrics: string }>;
    for (const row of rows) {
      const values = metricValues(row.metrics);
      await queryRunner.query(`UPDATE "runs" SET ${assignments} WHERE "id" = ${mark(METRIC_COLUMNS.length + 1)}`, [...values, row.id]);
    }
    if (rows.length < BACKFILL_BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

function metricValues(json: string): Array<number | null> {
  let metrics: { default?: Record<string, unknown>; finsaber?: Record<string, unknown> } | null;
  try {
    metrics = JSON.parse(json);
  } catch {
    metrics = null;
  }
  return METRIC_COLUMNS.map((column) => {
    const [, set, snake] = /^sort_(default|finsaber)_(.+)$/.exec(column)!;
    const name = snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const value = (set === 'default' ? metrics?.default : metrics?.finsaber)?.[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  });
}
