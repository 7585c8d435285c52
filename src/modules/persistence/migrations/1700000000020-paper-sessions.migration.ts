import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

const sessionKey: TableColumnOptions = { name: 'session_id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true };
const symbolKey: TableColumnOptions = { name: 'symbol', type: VARCHAR, length: '32', isPrimary: true };
const float = (name: string, nullable = false): TableColumnOptions => ({ name, type: FLOAT, isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: TEXT, isNullable: nullable });
const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: VARCHAR, length: String(length), isNullable: nullable });

/** Paper-trading sessions and everything their ticks store (see the entities in persistence/paper). */
export class PaperSessions1700000000020 implements MigrationInterface {
  name = 'PaperSessions1700000000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'paper_sessions',
        columns: [
          { name: 'id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true },
          varchar('strategy', 100),
          text('symbols'),
          varchar('feed', 500),
          varchar('broker', 16),
          varchar('mode', 16),
          text('spec'),
          varchar('status', 16),
          text('status_reason', true),
          varchar('created_at', 32),
          varchar('updated_at', 32),
          float('first_bar_time', true),
          float('last_bar_time', true),
          { name: 'bars_processed', type: INT, default: 0 },
          varchar('last_tick_at', 32, true),
          varchar('last_tick_outcome', 16, true),
          text('last_tick_note', true),
          varchar('next_tick_at', 32, true),
          { name: 'failures', type: INT, default: 0 },
          varchar('owner', 200, true),
          float('lease_until', true),
          float('equity', true),
        ],
      }),
    );
    await queryRunner.createIndex('paper_sessions', new TableIndex({ name: 'IDX_paper_sessions_status', columnNames: ['status', 'created_at'] }));
    await queryRunner.createTable(new Table({ name: 'paper_inputs', columns: [sessionKey, symbolKey, text('content')] }));
    await queryRunner.createTable(
      new Table({
        name: 'paper_bars',
        columns: [sessionKey, symbolKey, { ...float('time'), isPrimary: true }, float('open'), float('high'), float('low'), float('close'), float('volume'), { name: 'warm_up', type: INT }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'paper_news',
        columns: [sessionKey, symbolKey, { ...varchar('item_id', 200), isPrimary: true }, float('time'), float('bar_time'), text('item')],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'paper_steps', columns: [sessionKey, { ...float('time'), isPrimary: true }, varchar('processed_at', 32), float('equity'), text('memory')] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'paper_ticks',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { ...sessionKey, isPrimary: false },
          varchar('at', 32),
          varchar('outcome', 16),
          float('bar_time', true),
          text('note', true),
        ],
      }),
    );
    await queryRunner.createIndex('paper_ticks', new TableIndex({ name: 'IDX_paper_ticks_session', columnNames: ['session_id', 'id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'paper_orders',
        columns: [
          sessionKey,
          symbolKey,
          { name: 'order_id', type: INT, isPrimary: true },
          { name: 'signal_bar', type: INT },
          float('signal_time'),
          varchar('side', 4),
          varchar('type', 8),
          float('requested_qty'),
          float('limit_price', true),
          float('stop_price', true),
          varchar('reason', 16),
          text('tag'),
          varchar('status', 16),
          { name: 'event_bar', type: INT },
          float('event_time', true),
          float('filled_qty'),
          float('price', true),
          float('commission'),
          text('note'),
          varchar('client_order_id', 64, true),
          varchar('broker_state', 16, true),
          text('broker_report', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'paper_equity', columns: [sessionKey, symbolKey, { ...float('time'), isPrimary: true }, float('equity'), float('cash'), float('position'), float('close')] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'paper_decisions',
        columns: [sessionKey, symbolKey, { ...float('time'), isPrimary: true }, { name: 'seq', type: INT, isPrimary: true }, { name: 'bar', type: INT }, varchar('agent', 32), text('output')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'paper_positions',
        columns: [sessionKey, symbolKey, float('time'), float('cash'), float('quantity'), float('avg_price', true), float('close'), float('equity'), float('stop_price', true), float('take_profit_price', true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['paper_positions', 'paper_decisions', 'paper_equity', 'paper_orders', 'paper_ticks', 'paper_steps', 'paper_news', 'paper_bars', 'paper_inputs', 'paper_sessions']) {
      await queryRunner.dropTable(table);
    }
  }
}
