import { ordersOf, tradesOf } from '../../core/engine/record-list';
import type { EntityManager } from 'typeorm';
import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import {
  compressInBackground, decodeCases, decodeEquity, decodeTraceBlock, encodeCases, encodeEquity, encodeEquityInBackground, encodeTrace, EQUITY_PIECE_BYTES, EquityBlockPieces, equityRows, StoredCase, storedCaseOf, TraceBlock, traceBlocks,
} from './run-series.codec';
import { decodeOrders, decodeTrades, encodeOrders, encodeTrades } from './run-ledger.codec';
import { DecisionFilter, DecisionRow, EquityPointRow } from './run-record';

/*
 * SQL of a run's compact series, with its own labelled cases, trades and orders (tables
 * `run_series`, `run_trace_blocks` and `run_equity_pieces`, migrations 1700000000030,
 * 1700000000050 and 1700000000060): written in the transaction that completes the run, read
 * whole (equity, trades, orders) or by block (a day of the trace). Plain SQL: the binary column
 * is `blob` on SQLite and `bytea` on Postgres, which no single entity type covers.
 */

const marks = (m: EntityManager, n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => (m.connection.options.type === 'postgres' ? `$${from + i}` : '?')).join(', ');

/** A result's series, encoded and compressed, ready to store. */
export interface EncodedRunSeries {
  startBar: number;
  bars: number;
  equity: EquityBlockPieces;
  cases: Buffer | null;
  /** Trades and orders in engine order (`run-ledger.codec.ts`). */
  trades: Buffer;
  orders: Buffer;
  blocks: TraceBlock[];
}

/** The cases a run labelled itself, as stored with its series. */
export function ownCasesOf(runId: string, result: Pick<BacktestResult, 'memory'>): StoredCase[] {
  return result.memory.map((c) => storedCaseOf(runId, c));
}

/**
 * Encodes run `runId`'s series at once, on the calling thread: for a run thread, which makes
 * the run's outputs, so that the thread serving requests only stores the bytes.
 */
export function encodeRunSeriesAtOnce(runId: string, result: BacktestResult): EncodedRunSeries {
  const cases = ownCasesOf(runId, result);
  return {
    startBar: result.startBar,
    bars: result.equity.length,
    equity: [encodeEquity(result)],
    cases: cases.length > 0 ? encodeCases(cases) : null,
    trades: encodeTrades(tradesOf(result)),
    orders: encodeOrders(ordersOf(result)),
    blocks: encodeTrace(result.trace),
  };
}

/**
 * Encodes a result's equity block, its own labelled cases, trades, orders and trace blocks,
 * compressing them on the thread pool: done before the transaction that stores them, so the writes waiting
 * for their turn (and the requests of a server) do not wait for the compression. The trace is
 * made into JSON a block at a time, giving the event loop a turn after each: a TradingGroup
 * trace of 5,000 bars is tens of milliseconds of JSON, which a server's requests would otherwise
 * wait behind. `equityBlock`: the equity block made elsewhere (by the thread writing a long
 * run's equity.csv from the same rows).
 */
export async function encodeRunSeries(result: BacktestResult, cases: readonly StoredCase[], equityBlock?: Promise<EquityBlockPieces>): Promise<EncodedRunSeries> {
  const trace: Array<Omit<TraceBlock, 'data'> & { data: Promise<Buffer> }> = [];
  for (const block of traceBlocks(result.trace, compressInBackground)) {
    // Awaited below with the others; until then a failed compression must not count as unhandled.
    block.data.catch(() => undefined);
    trace.push(block);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [equity, casesBlock, trades, orders, data] = await Promise.all([
    equityBlock ?? encodeEquityInBackground(result),
    cases.length > 0 ? encodeCases(cases, compressInBackground) : null,
    encodeTrades(tradesOf(result), compressInBackground),
    encodeOrders(ordersOf(result), compressInBackground),
    Promise.all(trace.map((b) => b.data)),
  ]);
  return { startBar: result.startBar, bars: result.equity.length, equity, cases: casesBlock, trades, orders, blocks: trace.map((b, i) => ({ ...b, data: data[i] })) };
}

/** Stores an encoded result's equity block, its own labelled cases, trades, orders and trace blocks. */
export async function writeRunSeries(m: EntityManager, runId: string, series: EncodedRunSeries): Promise<void> {
  await writeRunsSeries(m, [{ runId, series }]);
}

/** Series rows of runs written together per statement (a batch of runs: one statement instead of one each). */
const SERIES_ROWS_PER_STATEMENT = 50;

/**
 * {@link writeRunSeries} for several runs: their series rows a few per statement, then each
 * one's equity pieces and trace blocks.
 */
export async function writeRunsSeries(m: EntityManager, runs: ReadonlyArray<{ runId: string; series: EncodedRunSeries }>): Promise<void> {
  const pieces = runs.map(({ series }) => storedPieces(series.equity));
  for (let i = 0; i < runs.length; i += SERIES_ROWS_PER_STATEMENT) {
    const params: unknown[] = [];
    const tuples = runs.slice(i, i + SERIES_ROWS_PER_STATEMENT).map(({ runId, series }, k) => {
      const tuple = `(${marks(m, 8, params.length + 1)})`;
      const own = pieces[i + k];
      const inRow = own.length > 0 ? NO_BYTES : series.equity.length === 1 ? series.equity[0] : Buffer.concat(series.equity);
      params.push(runId, series.startBar, series.bars, inRow, own.length, series.cases, asBuffer(series.trades), asBuffer(series.orders));
      return tuple;
    });
    await m.query(`INSERT INTO "run_series" ("run_id", "start_bar", "bars", "equity", "equity_pieces", "cases", "trades", "orders") VALUES ${tuples.join(', ')}`, params);
  }
  for (const [i, { runId, series }] of runs.entries()) {
    // A statement per piece: the driver and SQLite copy a bound value, a megabyte here.
    for (const [piece, data] of pieces[i].entries()) {
      await m.query(`INSERT INTO "run_equity_pieces" ("run_id", "piece", "data") VALUES (${marks(m, 3)})`, [runId, piece, data]);
    }
    await writeTraceBlocks(m, runId, series);
  }
}

const NO_BYTES = Buffer.alloc(0);

/**
 * The rows a compressed equity block is stored in besides its series row: none when it fits in
 * that row (at most EQUITY_PIECE_BYTES, every run but a long one), else all of it in pieces of
 * at most that many bytes (views of the block's own pieces, never a copy), the series row's
 * `equity` then empty and its `equity_pieces` their number.
 */
function storedPieces(block: EquityBlockPieces): Buffer[] {
  let bytes = 0;
  for (const piece of block) bytes += piece.length;
  if (bytes <= EQUITY_PIECE_BYTES) return [];
  const out: Buffer[] = [];
  for (const piece of block) {
    for (let at = 0; at < piece.length; at += EQUITY_PIECE_BYTES) out.push(piece.subarray(at, at + EQUITY_PIECE_BYTES));
  }
  return out;
}

async function writeTraceBlocks(m: EntityManager, runId: string, series: EncodedRunSeries): Promise<void> {
  const blocks = series.blocks;
  // A few blocks per statement: far below both databases' bound-parameter limits.
  for (let i = 0; i < blocks.length; i += 50) {
    const chunk = blocks.slice(i, i + 50);
    const params: unknown[] = [];
    const tuples = chunk.map((b) => {
      const tuple = `(${marks(m, 7, params.length + 1)})`;
      params.push(runId, b.block, b.firstDate, b.lastDate, b.entries, b.agents, b.data);
      return tuple;
    });
    await m.query(`INSERT INTO "run_trace_blocks" ("run_id", "block", "first_date", "last_date", "entries", "agents", "data") VALUES ${tuples.join(', ')}`, params);
  }
}

export async function deleteRunSeries(m: EntityManager, runId: string): Promise<void> {
  await m.query(`DELETE FROM "run_trace_blocks" WHERE "run_id" = ${marks(m, 1)}`, [runId]);
  await m.query(`DELETE FROM "run_equity_pieces" WHERE "run_id" = ${marks(m, 1)}`, [runId]);
  await m.query(`DELETE FROM "run_series" WHERE "run_id" = ${marks(m, 1)}`, [runId]);
}

/** The run's equity points by bar (empty when none are stored). */
export async function readEquity(m: EntityManager, runId: string): Promise<EquityPointRow[]> {
  const rows = (await m.query(`SELECT "start_bar", "equity", "equity_pieces" FROM "run_series" WHERE "run_id" = ${marks(m, 1)}`, [runId])) as Array<{
    start_bar: number;
    equity: Buffer;
    equity_pieces: number;
  }>;
  if (rows.length === 0) return [];
  const { start_bar: startBar, equity, equity_pieces: pieces } = rows[0];
  const block = Number(pieces) > 0 ? await readEquityPieces(m, runId, Number(pieces)) : Buffer.from(equity);
  return equityRows(decodeEquity(block), startBar);
}

/** A long run's equity block, put together from its `count` stored pieces. */
async function readEquityPieces(m: EntityManager, runId: string, count: number): Promise<Buffer> {
  const rows = (await m.query(`SELECT "data" FROM "run_equity_pieces" WHERE "run_id" = ${marks(m, 1)} ORDER BY "piece"`, [runId])) as Array<{ data: Buffer }>;
  if (rows.length !== count) throw new Error(`run ${runId}: its equity block has ${rows.length} of its ${count} pieces stored`);
  return Buffer.concat(rows.map((r) => r.data));
}

/** The run's trace entries in recorded order; with a day, only the blocks spanning it are read. */
export async function readDecisions(m: EntityManager, runId: string, filter: DecisionFilter = {}): Promise<DecisionRow[]> {
  const params: unknown[] = [runId];
  let where = `"run_id" = ${marks(m, 1)}`;
  if (filter.date !== undefined) {
    where += ` AND "first_date" <= ${marks(m, 1, 2)} AND "last_date" >= ${marks(m, 1, 3)}`;
    params.push(filter.date, filter.date);
  }
  const blocks = (await m.query(`SELECT "data", "agents" FROM "run_trace_blocks" WHERE ${where} ORDER BY "block"`, params)) as Array<{ data: Buffer; agents: string }>;
  const out: DecisionRow[] = [];
  for (const b of blocks) {
    if (filter.agent !== undefined && !b.agents.split(',').includes(filter.agent)) continue;
    for (const row of decodeTraceBlock(Buffer.from(b.data), filter)) out.push(row);
  }
  return out;
}

/** The agents with entries in the run's trace, sorted. */
export async function readDecisionAgents(m: EntityManager, runId: string): Promise<string[]> {
  const rows = (await m.query(`SELECT "agents" FROM "run_trace_blocks" WHERE "run_id" = ${marks(m, 1)}`, [runId])) as Array<{ agents: string }>;
  const agents = new Set<string>();
  for (const r of rows) for (const a of r.agents.split(',')) if (a) agents.add(a);
  return [...agents].sort();
}

/** The run's trades in engine order (empty when none are stored). */
export async function readTrades(m: EntityManager, runId: string): Promise<Trade[]> {
  const rows = (await m.query(`SELECT "trades" FROM "run_series" WHERE "run_id" = ${marks(m, 1)}`, [runId])) as Array<{ trades: Buffer | null }>;
  return rows.length === 0 || rows[0].trades === null ? [] : decodeTrades(Buffer.from(rows[0].trades));
}

/** The run's orders in engine order (empty when none are stored). */
export async function readOrders(m: EntityManager, runId: string): Promise<OrderRecord[]> {
  const rows = (await m.query(`SELECT "orders" FROM "run_series" WHERE "run_id" = ${marks(m, 1)}`, [runId])) as Array<{ orders: Buffer | null }>;
  return rows.length === 0 || rows[0].orders === null ? [] : decodeOrders(Buffer.from(rows[0].orders));
}

/** The run's own labelled cases as stored, in the order they were recorded (empty without any). */
export async function readRunCases(m: EntityManager, runId: string): Promise<StoredCase[]> {
  const rows = (await m.query(`SELECT "cases" FROM "run_series" WHERE "run_id" = ${marks(m, 1)}`, [runId])) as Array<{ cases: Buffer | null }>;
  return rows.length === 0 || rows[0].cases === null ? [] : decodeCases(Buffer.from(rows[0].cases));
}

/**
 * A block as the database drivers bind it (a Buffer): blocks posted from a run thread arrive
 * as plain Uint8Arrays.
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
