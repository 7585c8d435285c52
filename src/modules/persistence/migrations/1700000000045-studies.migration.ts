import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { FLOAT, INT, RUN_ID_LENGTH, TEXT, VARCHAR } from '../column-types';

/** Sweeps and evaluations (`studies`) and the metrics of their runs (`study_results`). */
export class Studies1700000000045 implements MigrationInterface {
  name = 'Studies1700000000045';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'studies',
        columns: [
          { name: 'id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true },
          { name: 'kind', type: VARCHAR, length: '16' },
          { name: 'status', type: VARCHAR, length: '16' },
          { name: 'request', type: TEXT },
          { name: 'total', type: INT },
          { name: 'completed', type: INT },
          { name: 'summary', type: TEXT, isNullable: true },
          { name: 'error', type: TEXT, isNullable: true },
          { name: 'created_at', type: FLOAT },
          { name: 'finished_at', type: FLOAT, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('studies', new TableIndex({ name: 'IDX_studies_kind_created', columnNames: ['kind', 'created_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'study_results',
        columns: [
          { name: 'study_id', type: VARCHAR, length: String(RUN_ID_LENGTH), isPrimary: true },
          { name: 'idx', type: INT, isPrimary: true },
          { name: 'strategy', type: VARCHAR, length: '200' },
          { name: 'symbol', type: VARCHAR, length: '64' },
          { name: 'params', type: TEXT },
          { name: 'from_date', type: VARCHAR, length: '10' },
          { name: 'to_date', type: VARCHAR, length: '10' },
          { name: 'phase', type: VARCHAR, length: '8' },
          { name: 'fold', type: INT, isNullable: true },
          { name: 'spec', type: TEXT },
          { name: 'metrics', type: TEXT },
          { name: 'returns', type: TEXT },
          { name: 'run_id', type: VARCHAR, length: String(RUN_ID_LENGTH), isNullable: true },
        ],
        foreignKeys: [{ name: 'FK_study_results_study', columnNames: ['study_id'], referencedTableName: 'studies', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('study_results');
    await queryRunner.dropIndex('studies', 'IDX_studies_kind_created');
    await queryRunner.dropTable('studies');
  }
}
