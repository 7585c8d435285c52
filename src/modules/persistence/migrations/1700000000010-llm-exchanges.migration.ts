import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { FLOAT, INT, TEXT, VARCHAR } from '../column-types';

/** The recorded exchanges of llm-mode runs (see LlmExchangeEntity). */
export class LlmExchanges1700000000010 implements MigrationInterface {
  name = 'LlmExchanges1700000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'llm_exchanges',
        columns: [
          { name: 'run_id', type: VARCHAR, length: '160', isPrimary: true },
          { name: 'seq', type: INT, isPrimary: true },
          { name: 'request_key', type: VARCHAR, length: '64' },
          { name: 'agent', type: VARCHAR, length: '16' },
          { name: 'decided_at', type: FLOAT },
          { name: 'attempt', type: VARCHAR, length: '8' },
          { name: 'model', type: VARCHAR, length: '200' },
          { name: 'request', type: TEXT },
          { name: 'shows', type: TEXT },
          { name: 'outcome', type: VARCHAR, length: '16' },
          { name: 'content', type: TEXT, isNullable: true },
          { name: 'error', type: TEXT, isNullable: true },
          { name: 'prompt_tokens', type: INT },
          { name: 'completion_tokens', type: INT },
          { name: 'cost_usd', type: FLOAT },
          { name: 'latency_ms', type: FLOAT },
          { name: 'requests', type: INT },
          { name: 'source', type: VARCHAR, length: '16' },
          { name: 'created_at', type: VARCHAR, length: '32' },
        ],
      }),
    );
    await queryRunner.createIndex('llm_exchanges', new TableIndex({ name: 'IDX_llm_exchanges_key', columnNames: ['request_key'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('llm_exchanges');
  }
}
