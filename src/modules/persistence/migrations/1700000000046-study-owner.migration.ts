import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { INT, VARCHAR } from '../column-types';

const COLUMNS: Array<[name: string, type: string]> = [
  ['owner_pid', INT],
  ['owner_host', `${VARCHAR}(255)`],
  ['owner_token', `${VARCHAR}(128)`],
  ['heartbeat_at', `${VARCHAR}(32)`],
];

/**
 * Who executes a study (process id, host, start token) and its last heartbeat, as for runs:
 * what recovery needs to end a study whose process is gone. Plain `ADD COLUMN`, as in the
 * runs' owner migration; the status index serves recovery's look for running studies.
 */
export class StudyOwner1700000000046 implements MigrationInterface {
  name = 'StudyOwner1700000000046';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, type] of COLUMNS) await queryRunner.query(`ALTER TABLE "studies" ADD COLUMN "${name}" ${type}`);
    await queryRunner.createIndex('studies', new TableIndex({ name: 'IDX_studies_status', columnNames: ['status'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('studies', 'IDX_studies_status');
    for (const [name] of [...COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "studies" DROP COLUMN "${name}"`);
  }
}
