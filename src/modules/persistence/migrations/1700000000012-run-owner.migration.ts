import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { INT, TEXT, VARCHAR } from '../column-types';

const COLUMNS: Array<[name: string, type: string]> = [
  ['owner_pid', INT],
  ['owner_host', `${VARCHAR}(255)`],
  ['owner_token', `${VARCHAR}(128)`],
  ['heartbeat_at', `${VARCHAR}(32)`],
  ['queue_seq', INT],
  ['request', TEXT],
];

/**
 * Who executes a run (process id, host, start token), its last heartbeat, its turn in the
 * owner's queue and where its inputs come from: what recovery and `runs resume` need.
 * Plain `ADD COLUMN` (SQLite and Postgres alike): TypeORM's SQLite column helpers rebuild the
 * table, and dropping `runs` inside the migration's transaction would cascade to its results.
 */
export class RunOwner1700000000012 implements MigrationInterface {
  name = 'RunOwner1700000000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, type] of COLUMNS) await queryRunner.query(`ALTER TABLE "runs" ADD COLUMN "${name}" ${type}`);
    await queryRunner.createIndex('runs', new TableIndex({ name: 'IDX_runs_owner', columnNames: ['owner_token', 'status'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('runs', 'IDX_runs_owner');
    for (const [name] of [...COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "runs" DROP COLUMN "${name}"`);
  }
}
