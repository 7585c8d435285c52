import { MigrationInterface, QueryRunner } from 'typeorm';
import { DecisionTraceEntry } from '../../../core/engine/backtest-result';
import { isoDay, parseIsoDay } from '../../../core/market/dates';
import { decodeCases, decodeEquity, decodeTraceBlock, encodeCases, encodeEquity, encodeTrace, StoredCase } from '../run-series.codec';
import { binaryType, EMPTY_EQUITY, mark, marks, runIdsOf } from './migration-sql';

const RUN_ID = 'varchar(160)';
const RUN_FK = `REFERENCES "runs" ("id") ON DELETE CASCADE`;

/**
 * A run's equity and its own labelled cases as compressed blocks (`run_series`) and its decision
 * trace as compressed blocks of 64 bars (`run_trace_blocks`), in place of one row per bar
 * (`run_equity`), one row per agent output (`run_decisions`) and one row per case of the run's
 * own memory (`memory_cases` under `run:<id>`; named memories keep their rows). Stored runs are
 * moved over. Plain SQL that SQLite and Postgres both take, but for the binary type (blob / bytea).
 */
export class RunSeries1700000000030 implements MigrationInterface {
  name = 'RunSeries1700000000030';

  async up(q: QueryRunner): Promise<void> {
    const binary = binaryType(q);
    await q.query(`CREATE TABLE "run_series" ("run_id" ${RUN_ID} PRIMARY KEY ${RUN_FK}, "start_bar" integer NOT NULL, "bars" integer NOT NULL, "equity" ${binary} NOT NULL, "cases" ${binary})`);
    await q.query(
      `CREATE TABLE "run_trace_blocks" ("run_id" ${RUN_ID} NOT NULL ${RUN_FK}, "block" integer NOT NULL, "first_date" varchar(10) NOT NULL, ` +
        `"last_date" varchar(10) NOT NULL, "entries" integer NOT NULL, "agents" text NOT NULL, "data" ${binary} NOT NULL, PRIMARY KEY ("run_id", "block"))`,
    );
    for (const runId of await runIdsOf(q, 'run_equity')) {
      const rows = (await q.query(
        `SELECT "bar_index", "date", "equity", "cash", "position", "close" FROM "run_equity" WHERE "run_id" = ${mark(q, 1)} ORDER BY "bar_index"`,
        [runId],
      )) as Array<{ bar_index: number; date: string; equity: number; cash: number; position: number; close: number }>;
      const column = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
      const block = encodeEquity({ time: column((r) => parseIsoDay(r.date)), equity: column((r) => r.equity), cash: column((r) => r.cash), position: column((r) => r.position), close: column((r) => r.close) });
      await q.query(`INSERT INTO "run_series" ("run_id", "start_bar", "bars", "equity") VALUES (${marks(q, 4)})`, [runId, rows[0].bar_index, rows.length, block]);
    }
    for (const runId of await runIdsOf(q, 'run_decisions')) {
      const rows = (await q.query(`SELECT "bar_index", "date", "agent", "output" FROM "run_decisions" WHERE "run_id" = ${mark(q, 1)} ORDER BY "seq"`, [runId])) as Array<{
        bar_index: number; date: string; agent: string; output: string;
      }>;
      const trace: DecisionTraceEntry[] = rows.map((r) => ({ bar: r.bar_index, time: parseIsoDay(r.date), agent: r.agent, output: JSON.parse(r.output) }));
      await insertTraceBlocks(q, runId, trace);
    }
    const runCases = (await q.query(
      `SELECT "memory", "case_id", "source_run", "symbol", "decided_at", "known_at", "payload", "checksum" FROM "memory_cases" WHERE "memory" LIKE 'run:%' ORDER BY "memory", "known_at", "case_id"`,
    )) as CaseRow[];
    for (const [runId, rows] of groupByRun(runCases)) {
      const block = encodeCases(rows.map(storedCase));
      const updated = (await q.query(`SELECT "run_id" FROM "run_series" WHERE "run_id" = ${mark(q, 1)}`, [runId])).length > 0;
      if (updated) await q.query(`UPDATE "run_series" SET "cases" = ${mark(q, 1)} WHERE "run_id" = ${mark(q, 2)}`, [block, runId]);
      else await q.query(`INSERT INTO "run_series" ("run_id", "start_bar", "bars", "equity", "cases") VALUES (${marks(q, 5)})`, [runId, 0, 0, encodeEquity(EMPTY_EQUITY), block]);
    }
    await q.query(`DELETE FROM "memory_cases" WHERE "memory" LIKE 'run:%'`);
    await q.query(`DROP TABLE "run_equity"`);
    await q.query(`DROP TABLE "run_decisions"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "run_equity" ("run_id" ${RUN_ID} NOT NULL, "bar_index" integer NOT NULL, "date" varchar(10) NOT NULL, "equity" double precision NOT NULL, ` +
        `"cash" double precision NOT NULL, "position" double precision NOT NULL, "close" double precision NOT NULL, ` +
        `CONSTRAINT "PK_run_equity" PRIMARY KEY ("run_id", "bar_index"), CONSTRAINT "FK_run_equity_run" FOREIGN KEY ("run_id") ${RUN_FK})`,
    );
    await q.query(
      `CREATE TABLE "run_decisions" ("run_id" ${RUN_ID} NOT NULL, "seq" integer NOT NULL, "bar_index" integer NOT NULL, "date" varchar(10) NOT NULL, ` +
        `"agent" varchar(32) NOT NULL, "output" text NOT NULL, CONSTRAINT "PK_run_decisions" PRIMARY KEY ("run_id", "seq"), ` +
        `CONSTRAINT "FK_run_decisions_run" FOREIGN KEY ("run_id") ${RUN_FK})`,
    );
    await q.query(`CREATE INDEX "IDX_run_decisions_date" ON "run_decisions" ("run_id", "date")`);
    const series = (await q.query(`SELECT "run_id", "start_bar", "equity" FROM "run_series"`)) as Array<{ run_id: string; start_bar: number; equity: Buffer }>;
    for (const s of series) {
      const c = decodeEquity(Buffer.from(s.equity));
      for (let i = 0; i < c.equity.length; i++) {
        await q.query(`INSERT INTO "run_equity" VALUES (${marks(q, 7)})`, [s.run_id, s.start_bar + i, isoDay(c.time[i]), c.equity[i], c.cash[i], c.position[i], c.close[i]]);
      }
    }
    const blocks = (await q.query(`SELECT "run_id", "data" FROM "run_trace_blocks" ORDER BY "run_id", "block"`)) as Array<{ run_id: string; data: Buffer }>;
    const seqs = new Map<string, number>();
    for (const b of blocks) {
      for (const row of decodeTraceBlock(Buffer.from(b.data))) {
        const seq = seqs.get(b.run_id) ?? 0;
        seqs.set(b.run_id, seq + 1);
        await q.query(`INSERT INTO "run_decisions" VALUES (${marks(q, 6)})`, [b.run_id, seq, row.barIndex, row.date, row.agent, JSON.stringify(row.output)]);
      }
    }
    const withCases = (await q.query(`SELECT "run_id", "cases" FROM "run_series" WHERE "cases" IS NOT NULL`)) as Array<{ run_id: string; cases: Buffer }>;
    for (const s of withCases) {
      for (const c of decodeCases(Buffer.from(s.cases))) {
        await q.query(`INSERT INTO "memory_cases" ("memory", "case_id", "source_run", "symbol", "decided_at", "known_at", "payload", "checksum") VALUES (${marks(q, 8)})`, [
          `run:${s.run_id}`, c.caseId, c.sourceRun, c.symbol, c.decidedAt, c.knownAt, c.payload, c.checksum,
        ]);
      }
    }
    await q.query(`DROP TABLE "run_trace_blocks"`);
    await q.query(`DROP TABLE "run_series"`);
  }
}

/** Stores a run's trace blocks. */
async function insertTraceBlocks(q: QueryRunner, runId: string, trace: readonly DecisionTraceEntry[]): Promise<void> {
  for (const b of encodeTrace(trace)) {
    await q.query(
      `INSERT INTO "run_trace_blocks" ("run_id", "block", "first_date", "last_date", "entries", "agents", "data") VALUES (${marks(q, 7)})`,
      [runId, b.block, b.firstDate, b.lastDate, b.entries, b.agents, b.data],
    );
  }
}

interface CaseRow {
  memory: string;
  case_id: string;
  source_run: string;
  symbol: string;
  decided_at: number;
  known_at: number;
  payload: string;
  checksum: string;
}

function storedCase(r: CaseRow): StoredCase {
  return { caseId: r.case_id, sourceRun: r.source_run, symbol: r.symbol, decidedAt: r.decided_at, knownAt: r.known_at, payload: r.payload, checksum: r.checksum };
}

function groupByRun(rows: CaseRow[]): Map<string, CaseRow[]> {
  const byRun = new Map<string, CaseRow[]>();
  for (const r of rows) {
    const runId = r.memory.slice('run:'.length);
    const list = byRun.get(runId);
    if (list) list.push(r);
    else byRun.set(runId, [r]);
  }
  return byRun;
}
