import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, createBrotliCompress } from 'node:zlib';
import { BacktestResult, DecisionTraceEntry } from '../../core/engine/backtest-result';
import { isoDay } from '../../core/market/dates';
import { MemoryCase } from '../../core/reflection/memory-case';
import { DecisionRow, EquityPointRow } from './run-record';

/*
 * A run's per-bar series and its decision trace are stored compactly: the equity columns as one
 * compressed block per run, the trace in compressed blocks of consecutive bars. Rows per bar
 * cost a key, a date and their index entries for each of a million points; a block costs a few
 * bytes per value and reads back in one piece. Doubles keep every bit (stored as binary).
 */

/** Format of an equity block: 1 = byte-shuffled float64 columns, brotli-compressed. */
const EQUITY_FORMAT = 1;
/** time, equity, cash, position, close. */
const EQUITY_COLUMNS = 5;
const HEADER_BYTES = 5;
/**
 * Brotli at its fastest for the doubles (a run's store must not cost more than its engine;
 * deflate was several times slower for the same size), a middle quality for the trace's JSON.
 */
const brotliOptions = (quality: number, bytes: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes } });
/** Compresses a block at a brotli quality: at once, or (`compressInBackground`) on libuv's thread pool. */
export type Compress<D> = (quality: number, data: Uint8Array) => D;
export const brotli: Compress<Buffer> = (quality, data) => brotliCompressSync(data, brotliOptions(quality, data.length));
const brotliAsync = promisify(brotliCompress);
/** Compression off the calling thread: a server storing a finished run keeps answering requests meanwhile. */
export const compressInBackground: Compress<Promise<Buffer>> = (quality, data) => brotliAsync(data, brotliOptions(quality, data.length));
const EQUITY_QUALITY = 1;
const TRACE_QUALITY = 5;

type EquitySource = Pick<BacktestResult, 'time' | 'equity' | 'cash' | 'position' | 'close'>;

/** The window's equity columns of a result, as one compressed block. */
export function encodeEquity<D = Buffer>(result: EquitySource, compress: Compress<D> = brotli as Compress<D>): D {
  const columns = equityBytes(result);
  const shuffled = columns.length * columns.n * 8;
  const out = Buffer.allocUnsafe(HEADER_BYTES + shuffled);
  equityHeader(columns.n).copy(out);
  shuffleInto(columns, 0, shuffled, out, HEADER_BYTES);
  return compress(EQUITY_QUALITY, out);
}

/** Bytes of the shuffled columns made and compressed at a time by {@link encodeEquityInBackground}. */
const EQUITY_PIECE_BYTES = 1 << 20;

/**
 * {@link encodeEquity} compressed on libuv's thread pool as it is shuffled, a megabyte at a time:
 * a long run's shuffled columns (40 MB for a million bars) are never whole in memory, and the
 * event loop has a turn between the pieces. The block decodes to the same columns (the
 * compressed bytes may differ from the one-piece compression's).
 */
export async function encodeEquityInBackground(result: EquitySource): Promise<Buffer> {
  const columns = equityBytes(result);
  const shuffled = columns.length * columns.n * 8;
  const stream = createBrotliCompress(brotliOptions(EQUITY_QUALITY, HEADER_BYTES + shuffled));
  const compressed: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = finished(stream);
  done.catch(() => undefined);
  stream.write(equityHeader(columns.n));
  for (let from = 0; from < shuffled; from += EQUITY_PIECE_BYTES) {
    const to = Math.min(shuffled, from + EQUITY_PIECE_BYTES);
    const piece = Buffer.allocUnsafe(to - from);
    shuffleInto(columns, from, to, piece, 0);
    if (!stream.write(piece)) await once(stream, 'drain');
  }
  stream.end();
  await done;
  return Buffer.concat(compressed);
}

/** The equity columns' bytes in block order (time, equity, cash, position, close), each column `n` doubles. */
function equityBytes(result: EquitySource): Uint8Array[] & { n: number } {
  const n = result.equity.length;
  // Every stored point is read back with its date: a bar without one is refused here.
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(result.time[i])) throw new RangeError(`equity point ${i} has no date (time ${result.time[i]})`);
  }
  const columns = [result.time, result.equity, result.cash, result.position, result.close].map((c) => new Uint8Array(c.buffer, c.byteOffset, n * 8));
  return Object.assign(columns, { n });
}

function equityHeader(n: number): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header[0] = EQUITY_FORMAT;
  header.writeUInt32LE(n, 1);
  return header;
}

/**
 * Writes bytes [from, to) of the shuffled columns into `out` at `at`. Byte-shuffled: the k-th
 * byte of every double together (the columns one after another), so signs, exponents and the
 * high mantissa bytes (alike from bar to bar) form long runs that compress. Read straight from
 * each column: no copy of the columns side by side first.
 */
function shuffleInto(columns: Uint8Array[] & { n: number }, from: number, to: number, out: Uint8Array, at: number): void {
  const n = columns.n;
  const count = n * columns.length;
  for (let p = from; p < to; ) {
    const k = Math.floor(p / count);
    const c = Math.floor((p - k * count) / n);
    const i = p - k * count - c * n;
    const run = Math.min(to - p, n - i);
    const bytes = columns[c];
    for (let r = 0, j = i * 8 + k; r < run; r++, j += 8) out[at + r] = bytes[j];
    p += run;
    at += run;
  }
}

/** The columns of a stored equity block. */
export interface EquityColumns {
  time: Float64Array;
  equity: Float64Array;
  cash: Float64Array;
  position: Float64Array;
  close: Float64Array;
}

export function decodeEquity(block: Buffer): EquityColumns {
  const raw = brotliDecompressSync(block);
  if (raw[0] !== EQUITY_FORMAT) throw new Error(`unknown equity block format ${raw[0]}`);
  const n = raw.readUInt32LE(1);
  const count = n * EQUITY_COLUMNS;
  if (raw.length !== HEADER_BYTES + count * 8) throw new Error(`equity block of ${raw.length} bytes does not hold ${n} bars`);
  const values = new Float64Array(count);
  const bytes = new Uint8Array(values.buffer);
  for (let k = 0; k < 8; k++) {
    const base = HEADER_BYTES + k * count;
    for (let i = 0, j = k; i < count; i++, j += 8) bytes[j] = raw[base + i];
  }
  const column = (c: number) => values.subarray(c * n, (c + 1) * n);
  return { time: column(0), equity: column(1), cash: column(2), position: column(3), close: column(4) };
}

/** The stored equity points of a block, bar indices counted from `startBar`. */
export function equityRows(columns: EquityColumns, startBar: number): EquityPointRow[] {
  const rows: EquityPointRow[] = new Array(columns.equity.length);
  for (let i = 0; i < rows.length; i++) {
    rows[i] = { barIndex: startBar + i, date: isoDay(columns.time[i]), equity: columns.equity[i], cash: columns.cash[i], position: columns.position[i], close: columns.close[i] };
  }
  return rows;
}

/** Bars per trace block: a day's entries are read by decompressing one small block. */
export const TRACE_BLOCK_BARS = 64;

/** One stored block of a decision trace. */
export interface TraceBlock {
  block: number;
  firstDate: string;
  lastDate: string;
  entries: number;
  /** The agents with entries in the block, sorted, comma-separated. */
  agents: string;
  data: Buffer;
}

/**
 * A trace as blocks of {@link TRACE_BLOCK_BARS} consecutive bars (entries keep their recorded
 * order; a block holds `[bar, date, agent, output]` tuples as brotli-compressed JSON).
 */
export function encodeTrace<D = Buffer>(trace: readonly DecisionTraceEntry[], compress: Compress<D> = brotli as Compress<D>): Array<Omit<TraceBlock, 'data'> & { data: D }> {
  return [...traceBlocks(trace, compress)];
}

/** The blocks of {@link encodeTrace}, one at a time (a caller may let other work in between). */
export function* traceBlocks<D = Buffer>(trace: readonly DecisionTraceEntry[], compress: Compress<D> = brotli as Compress<D>): Generator<Omit<TraceBlock, 'data'> & { data: D }> {
  let block = 0;
  let i = 0;
  while (i < trace.length) {
    const end = blockEnd(trace, i);
    const tuples: string[] = [];
    const agents = new Set<string>();
    let firstDate = '';
    let lastDate = '';
    for (let k = i; k < end; k++) {
      const e = trace[k];
      const date = isoDay(e.time);
      if (k === i || date < firstDate) firstDate = date;
      if (k === i || date > lastDate) lastDate = date;
      agents.add(e.agent);
      tuples.push(`[${e.bar},${JSON.stringify(date)},${JSON.stringify(e.agent)},${JSON.stringify(e.output) ?? 'null'}]`);
    }
    const data = compress(TRACE_QUALITY, Buffer.from(`[${tuples.join(',')}]`));
    yield { block: block++, firstDate, lastDate, entries: end - i, agents: [...agents].sort().join(','), data };
    i = end;
  }
}

/** The end of the block starting at entry `from`: entries of the next {@link TRACE_BLOCK_BARS} bars. */
function blockEnd(trace: readonly DecisionTraceEntry[], from: number): number {
  const first = Math.floor(trace[from].bar / TRACE_BLOCK_BARS);
  let end = from + 1;
  while (end < trace.length && Math.floor(trace[end].bar / TRACE_BLOCK_BARS) === first) end++;
  return end;
}

/** The entries of a trace block, filtered by day and agent. */
export function decodeTraceBlock(data: Buffer, filter: { date?: string; agent?: string } = {}): DecisionRow[] {
  const tuples = JSON.parse(brotliDecompressSync(data).toString('utf8')) as Array<[number, string, string, unknown]>;
  const rows: DecisionRow[] = [];
  for (const [barIndex, date, agent, output] of tuples) {
    if (filter.date !== undefined && date !== filter.date) continue;
    if (filter.agent !== undefined && agent !== filter.agent) continue;
    rows.push({ barIndex, date, agent, output });
  }
  return rows;
}

/** A run's own labelled case as stored (the fields of a `memory_cases` row but the memory name). */
export interface StoredCase {
  caseId: string;
  sourceRun: string;
  symbol: string;
  decidedAt: number;
  knownAt: number;
  /** The case as JSON text; `checksum` is its SHA-256, checked when read. */
  payload: string;
  checksum: string;
}

/** A case of run `runId` as stored: JSON text (with its source run) and the SHA-256 of that text. */
export function storedCaseOf(runId: string, c: MemoryCase): StoredCase {
  const payload = JSON.stringify({ ...c, sourceRun: runId, checksum: '' });
  return {
    caseId: `${runId}/${c.id}`,
    sourceRun: runId,
    symbol: c.symbol,
    decidedAt: c.decidedAt,
    knownAt: c.knownAt,
    payload,
    checksum: createHash('sha256').update(payload).digest('hex'),
  };
}

/** A run's own cases as one compressed block (their order kept). */
export function encodeCases<D = Buffer>(cases: readonly StoredCase[], compress: Compress<D> = brotli as Compress<D>): D {
  const tuples = cases.map((c) => [c.caseId, c.sourceRun, c.symbol, c.decidedAt, c.knownAt, c.payload, c.checksum]);
  return compress(TRACE_QUALITY, Buffer.from(JSON.stringify(tuples)));
}

export function decodeCases(block: Buffer): StoredCase[] {
  const tuples = JSON.parse(brotliDecompressSync(block).toString('utf8')) as Array<[string, string, string, number, number, string, string]>;
  return tuples.map(([caseId, sourceRun, symbol, decidedAt, knownAt, payload, checksum]) => ({ caseId, sourceRun, symbol, decidedAt, knownAt, payload, checksum }));
}
