import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/** The decision trace: every agent output of every bar of a run. */
export class DecisionTrace1700000000001 implements MigrationInterface {
  name = 'DecisionTrace1700000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'run_decisions',
        columns: [
          { name: 'run_id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true },
          { name: 'seq', type: INT, isPrimary: true },
          { name: 'bar_index', type: INT },
          { name: 'date', type: VARCHAR, length: '10' },
          { name: 'agent', type: VARCHAR, length: '32' },
          { name: 'output', type: TEXT },
        ],
        foreignKeys: [
          { name: 'FK_run_decisions_run', columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createIndex('run_decisions', new TableIndex({ name: 'IDX_run_decisions_date', columnNames: ['run_id', 'date'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_decisions');
  }
}
