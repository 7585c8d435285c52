import { MigrationInterface, QueryRunner } from 'typeorm';
import { binaryType, mark } from './migration-sql';

/** As `run_trace_blocks` (migration 1700000000030): a run's id, its rows deleted with it. */
const RUN_ID = 'varchar(160)';
const RUN_FK = `REFERENCES "runs" ("id") ON DELETE CASCADE`;

/**
 * A long run's compressed equity block stored in pieces of a megabyte (`run_equity_pieces`), its
 * series row's `equity` then empty and `equity_pieces` their number (0: the block is in the row,
 * as every stored run's is until now). A value bound to a statement is copied by the driver and
 * by SQLite: an 11 MB block stored whole cost a million-bar command's peak memory two or three
 * times its size. Plain SQL that SQLite and Postgres both take, but for the binary type.
 */
export class EquityPieces1700000000060 implements MigrationInterface {
  name = 'EquityPieces1700000000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "run_series" ADD COLUMN "equity_pieces" integer NOT NULL DEFAULT 0`);
    await q.query(
      `CREATE TABLE "run_equity_pieces" ("run_id" ${RUN_ID} NOT NULL ${RUN_FK}, "piece" integer NOT NULL, "data" ${binaryType(q)} NOT NULL, PRIMARY KEY ("run_id", "piece"))`,
    );
  }

  /** Each block stored in pieces goes back whole into its series row. */
  async down(q: QueryRunner): Promise<void> {
    const pieced = (await q.query(`SELECT "run_id" FROM "run_series" WHERE "equity_pieces" > 0 ORDER BY "run_id"`)) as Array<{ run_id: string }>;
    for (const { run_id: runId } of pieced) {
      const pieces = (await q.query(`SELECT "data" FROM "run_equity_pieces" WHERE "run_id" = ${mark(q, 1)} ORDER BY "piece"`, [runId])) as Array<{ data: Buffer }>;
      await q.query(`UPDATE "run_series" SET "equity" = ${mark(q, 1)} WHERE "run_id" = ${mark(q, 2)}`, [Buffer.concat(pieces.map((p) => p.data)), runId]);
    }
    await q.query(`DROP TABLE "run_equity_pieces"`);
    await q.query(`ALTER TABLE "run_series" DROP COLUMN "equity_pieces"`);
  }
}
