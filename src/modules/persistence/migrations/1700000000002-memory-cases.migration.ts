import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { FLOAT, TEXT, VARCHAR } from '../column-types';

/** Labelled cases of the reflective agents, per run and in named memories. */
export class MemoryCases1700000000002 implements MigrationInterface {
  name = 'MemoryCases1700000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'memory_cases',
        columns: [
          { name: 'memory', type: VARCHAR, length: '200', isPrimary: true },
          { name: 'case_id', type: VARCHAR, length: '200', isPrimary: true },
          { name: 'source_run', type: VARCHAR, length: '160' },
          { name: 'symbol', type: VARCHAR, length: '64' },
          { name: 'decided_at', type: FLOAT },
          { name: 'known_at', type: FLOAT },
          { name: 'payload', type: TEXT },
          { name: 'checksum', type: VARCHAR, length: '64' },
        ],
      }),
    );
    await queryRunner.createIndex('memory_cases', new TableIndex({ name: 'IDX_memory_cases_known', columnNames: ['memory', 'known_at'] }));
    await queryRunner.createIndex('memory_cases', new TableIndex({ name: 'IDX_memory_cases_run', columnNames: ['source_run'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('memory_cases');
  }
}
