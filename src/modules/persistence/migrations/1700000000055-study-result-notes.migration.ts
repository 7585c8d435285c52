import { MigrationInterface, QueryRunner } from 'typeorm';
import { TEXT } from '../column-types';

/**
 * The notes of a study's runs (missing inputs, warm-ups), as a single backtest shows them: a
 * nullable JSON column, null for the runs that noted nothing and for those stored before.
 */
export class StudyResultNotes1700000000055 implements MigrationInterface {
  name = 'StudyResultNotes1700000000055';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "study_results" ADD COLUMN "notes" ${TEXT}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "study_results" DROP COLUMN "notes"`);
  }
}
