import { QueryRunner } from 'typeorm';

/*
 * What the plain-SQL migrations share: SQL that SQLite and Postgres both take but for the
 * parameter marks and the binary type.
 */

/** The binary column type: `bytea` on Postgres, `blob` on SQLite. */
export function binaryType(q: QueryRunner): string {
  return q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
}

/** Parameter mark `i` (1-based). */
export function mark(q: QueryRunner, i: number): string {
  return q.connection.options.type === 'postgres' ? `$${i}` : '?';
}

/** Marks 1..n, comma-separated. */
export function marks(q: QueryRunner, n: number): string {
  return Array.from({ length: n }, (_, i) => mark(q, i + 1)).join(', ');
}

/** The runs with rows in `table`, by id. */
export async function runIdsOf(q: QueryRunner, table: string): Promise<string[]> {
  return ((await q.query(`SELECT DISTINCT "run_id" FROM "${table}" ORDER BY "run_id"`)) as Array<{ run_id: string }>).map((r) => r.run_id);
}

/** The equity columns of a run without any (the equity block of a series row holding only other blocks). */
export const EMPTY_EQUITY = { time: new Float64Array(0), equity: new Float64Array(0), cash: new Float64Array(0), position: new Float64Array(0), close: new Float64Array(0) };
