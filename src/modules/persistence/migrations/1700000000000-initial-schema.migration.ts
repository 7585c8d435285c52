import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

const runId = (): TableColumnOptions => ({ name: 'run_id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true });
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: VARCHAR, length: String(length), isNullable });
const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: TEXT, isNullable });
const int = (name: string, isPrimary = false): TableColumnOptions => ({ name, type: INT, isPrimary });
const float = (name: string, isNullable = false): TableColumnOptions => ({ name, type: FLOAT, isNullable });

function childOfRun(table: string, columns: TableColumnOptions[]): Table {
  return new Table({
    name: table,
    columns: [runId(), ...columns],
    foreignKeys: [
      { name: `FK_${table}_run`, columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
    ],
  });
}

/** Table `run_trades` as first made (the trades of a run, a row each; replaced by migration 1700000000050). */
export function runTradesTable(): Table {
  return childOfRun('run_trades', [
    int('seq', true),
    str('direction', 8),
    int('entry_bar'),
    float('entry_time', true),
    float('entry_price', true),
    int('exit_bar'),
    float('exit_time', true),
    float('exit_price', true),
    float('max_qty', true),
    float('qty', true),
    float('pnl', true),
    float('return_pct', true),
    float('commission', true),
    str('exit_reason', 16),
    int('bars_held'),
  ]);
}

/** Table `run_orders` as first made (the orders of a run, a row each; replaced by migration 1700000000050). */
export function runOrdersTable(): Table {
  return childOfRun('run_orders', [
    int('seq', true),
    int('order_id'),
    int('signal_bar'),
    float('signal_time', true),
    str('side', 4),
    str('type', 8),
    float('requested_qty', true),
    float('limit_price', true),
    float('stop_price', true),
    str('reason', 16),
    text('tag'),
    str('status', 16),
    int('event_bar'),
    float('event_time', true),
    float('filled_qty', true),
    float('price', true),
    float('commission', true),
    text('note'),
  ]);
}

/** The first schema: runs and their trades, orders and equity points. */
export class InitialSchema1700000000000 implements MigrationInterface {
  name = 'InitialSchema1700000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'runs',
        columns: [
          { name: 'id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true },
          str('kind', 16),
          str('status', 16),
          str('strategy', 160),
          str('symbol', 64),
          str('profile', 64),
          str('mode', 16),
          str('from_date', 10),
          str('to_date', 10),
          text('config'),
          text('manifest', true),
          text('metrics', true),
          text('timings'),
          str('result_hash', 64, true),
          text('error', true),
          float('progress'),
          str('created_at', 32),
          str('started_at', 32, true),
          str('finished_at', 32, true),
          text('artifacts_dir', true),
        ],
      }),
    );
    for (const [name, column] of [
      ['IDX_runs_status', 'status'],
      ['IDX_runs_strategy', 'strategy'],
      ['IDX_runs_symbol', 'symbol'],
      ['IDX_runs_created_at', 'created_at'],
    ]) {
      await queryRunner.createIndex('runs', new TableIndex({ name, columnNames: [column] }));
    }

    await queryRunner.createTable(runTradesTable());
    await queryRunner.createTable(runOrdersTable());
    await queryRunner.createTable(
      childOfRun('run_equity', [
        int('bar_index', true),
        str('date', 10),
        float('equity'),
        float('cash'),
        float('position'),
        float('close'),
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_equity');
    await queryRunner.dropTable('run_orders');
    await queryRunner.dropTable('run_trades');
    await queryRunner.dropTable('runs');
  }
}
