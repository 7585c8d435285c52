import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { finished } from 'node:stream/promises';
import { BrotliCompress, brotliCompress, brotliCompressSync, brotliDecompressSync, constants, createBrotliCompress } from 'node:zlib';
import { BacktestResult, DecisionTraceEntry } from '../../core/engine/backtest-result';
import { isoDay } from '../../core/market/dates';
import { MemoryCase } from '../../core/reflection/memory-case';
import { DecisionRow, EquityPointRow } from './run-record';
import { FLOAT64_LITTLE_ENDIAN } from '../config/byte-order';

/*
 * A run's per-bar series and its decision trace are stored compactly: the equity columns as one
 * compressed block per run, the trace in compressed blocks of consecutive bars. Rows per bar
 * cost a key, a date and their index entries for each of a million points; a block costs a few
 * bytes per value and reads back in one piece. Doubles keep every bit (stored as binary).
 */

/**
 * Format of an equity block, brotli-compressed: 1 = the float64 columns byte-shuffled over all
 * rows (written before 2); 2 = byte-shuffled a block of rows at a time (see shuffleRows).
 */
const EQUITY_FORMAT = 2;
/** time, equity, cash, position, close. */
const EQUITY_COLUMNS = 5;
/** Format 1: the format byte and the row count. */
const HEADER_V1_BYTES = 5;
/** Format 2: the format byte, the row count and the rows of a block. */
const HEADER_BYTES = 9;
/**
 * Rows shuffled together: a block's columns (640 kB) stay in the processor's cache while its
 * eight byte planes are written, and a long run's shuffled bytes are made and compressed a block
 * at a time.
 */
const EQUITY_BLOCK_ROWS = 16_384;
/**
 * Brotli at its fastest for the doubles (a run's store must not cost more than its engine;
 * deflate was several times slower for the same size; quality 0 compresses a 1,259-bar run's
 * equity block in half the time of quality 1, 5% larger), a middle quality for the trace's JSON.
 */
const brotliOptions = (quality: number, bytes: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes } });
/** Compresses a block at a brotli quality: at once, or (`compressInBackground`) on libuv's thread pool. */
export type Compress<D> = (quality: number, data: Uint8Array) => D;
export const brotli: Compress<Buffer> = (quality, data) => brotliCompressSync(data, brotliOptions(quality, data.length));
const brotliAsync = promisify(brotliCompress);
/** Compression off the calling thread: a server storing a finished run keeps answering requests meanwhile. */
export const compressInBackground: Compress<Promise<Buffer>> = (quality, data) => brotliAsync(data, brotliOptions(quality, data.length));
const EQUITY_QUALITY = 0;
const TRACE_QUALITY = 5;

type EquitySource = Pick<BacktestResult, 'time' | 'equity' | 'cash' | 'position' | 'close'>;

/** The window's equity columns of a result, as one compressed block. */
export function encodeEquity<D = Buffer>(result: EquitySource, compress: Compress<D> = brotli as Compress<D>): D {
  const columns = equityWords(result);
  const out = Buffer.allocUnsafe(HEADER_BYTES + columns.n * EQUITY_COLUMNS * 8);
  equityHeader(columns.n).copy(out);
  for (let from = 0; from < columns.n; from += EQUITY_BLOCK_ROWS) {
    shuffleRows(columns, from, Math.min(columns.n, from + EQUITY_BLOCK_ROWS), out, HEADER_BYTES + from * EQUITY_COLUMNS * 8);
  }
  return compress(EQUITY_QUALITY, out);
}

/** Blocks of rows shuffled and handed to the compression at a time by {@link EquityBlockEncoder} (about 1 MB). */
const BLOCKS_PER_WRITE = 2;

/**
 * A compressed equity block in pieces, in order: their concatenation is the block. A long run's
 * block (11 MB for a million bars) is stored a piece at a time, and the thread writing its
 * equity.csv makes it and hands it over in pieces (EquityBlockEncoder): a whole copy would cost
 * the command's peak memory once more for each copy the database driver and SQLite make of a
 * value bound to a statement.
 */
export type EquityBlockPieces = readonly Buffer[];

/** The most bytes a piece of an equity block holds, and the most a series row holds of a block. */
export const EQUITY_PIECE_BYTES = 1 << 20;

/**
 * {@link encodeEquity} compressed on libuv's thread pool as it is shuffled, a megabyte at a time:
 * a long run's shuffled columns (40 MB for a million bars) are never whole in memory, and the
 * event loop has a turn between the writes. The block, in pieces (see EquityBlockPieces),
 * decodes to the same columns (the compressed bytes may differ from the one-write compression's).
 */
export async function encodeEquityInBackground(result: EquitySource): Promise<Buffer[]> {
  const encoder = new EquityBlockEncoder(result.equity.length);
  await encoder.add(result);
  return encoder.finish();
}

/**
 * An equity block of `rows` rows made from its columns a part at a time, in order (a thread that
 * is handed a long run's rows in parts makes it as it goes): each part's rows shuffled a block
 * at a time and compressed on libuv's thread pool, as {@link encodeEquityInBackground} does. A
 * part but the last has a whole number of blocks of rows.
 */
export class EquityBlockEncoder {
  private readonly stream: BrotliCompress;
  /** The block's pieces so far, and the compressed chunks of the next one. */
  private readonly pieces: Buffer[] = [];
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  /** The shuffled rows of a write, made anew in the same buffer once the compression is done with it. */
  private shuffled: Buffer | null = null;
  private readonly done: Promise<void>;
  private added = 0;

  constructor(private readonly rows: number) {
    const bytes = HEADER_BYTES + rows * EQUITY_COLUMNS * 8;
    // A block that may take several pieces is compressed into buffers of a piece each (zlib's
    // default is 16 kB): its pieces are then those buffers, not copies of small chunks of them.
    this.stream = createBrotliCompress({ ...brotliOptions(EQUITY_QUALITY, bytes), ...(bytes > EQUITY_PIECE_BYTES && { chunkSize: EQUITY_PIECE_BYTES }) });
    this.stream.on('data', (chunk: Buffer) => {
      if (this.chunkBytes + chunk.length > EQUITY_PIECE_BYTES) this.closePiece();
      this.chunks.push(chunk);
      this.chunkBytes += chunk.length;
    });
    this.done = finished(this.stream);
    this.done.catch(() => undefined);
    this.stream.write(equityHeader(rows));
  }

  /** Adds the next rows (the part's columns); resolves once the compression has read them. */
  async add(part: EquitySource): Promise<void> {
    let columns: EquityWords;
    try {
      columns = equityWords(part, this.added);
      if (this.added % EQUITY_BLOCK_ROWS !== 0 || this.added + columns.n > this.rows) {
        throw new RangeError(`equity block: ${columns.n} rows after ${this.added} of ${this.rows} do not start a block of rows or overrun the block`);
      }
    } catch (error) {
      this.stream.destroy();
      throw error;
    }
    const writeRows = BLOCKS_PER_WRITE * EQUITY_BLOCK_ROWS;
    for (let from = 0; from < columns.n; from += writeRows) {
      const to = Math.min(columns.n, from + writeRows);
      this.shuffled ??= Buffer.allocUnsafe(Math.min(writeRows, this.rows) * EQUITY_COLUMNS * 8);
      const shuffled = this.shuffled.subarray(0, (to - from) * EQUITY_COLUMNS * 8);
      for (let b = from; b < to; b += EQUITY_BLOCK_ROWS) shuffleRows(columns, b, Math.min(to, b + EQUITY_BLOCK_ROWS), shuffled, (b - from) * EQUITY_COLUMNS * 8);
      // Its callback comes once the compression has read it: the buffer is free for the next write.
      await new Promise<void>((resolve, reject) => this.stream.write(shuffled, (error) => (error ? reject(error) : resolve())));
    }
    this.added += columns.n;
  }

  /** The compressed block in pieces of at most EQUITY_PIECE_BYTES (one for a short run), once every row was added. */
  async finish(): Promise<Buffer[]> {
    if (this.added !== this.rows) throw new RangeError(`equity block: ${this.added} of ${this.rows} rows added`);
    this.stream.end();
    await this.done;
    this.closePiece();
    return this.pieces;
  }

  /** The chunks so far as the next piece (a chunk is a view of the compression's output buffer). */
  private closePiece(): void {
    if (this.chunks.length === 0) return;
    this.pieces.push(joined(this.chunks, this.chunkBytes));
    this.chunks = [];
    this.chunkBytes = 0;
  }
}

/**
 * `chunks` as one buffer of `bytes`: a view of them when they follow one another in one buffer
 * (as the chunks zlib writes into one output buffer do), else a copy.
 */
function joined(chunks: readonly Buffer[], bytes: number): Buffer {
  const first = chunks[0];
  let end = first.byteOffset + first.length;
  for (let i = 1; i < chunks.length; i++) {
    if (chunks[i].buffer !== first.buffer || chunks[i].byteOffset !== end) return Buffer.concat(chunks, bytes);
    end += chunks[i].length;
  }
  return Buffer.from(first.buffer, first.byteOffset, bytes);
}

/** The equity columns (time, equity, cash, position, close) as 32-bit words, each `n` doubles. */
type EquityWords = Uint32Array[] & { n: number };

/** The columns' words; `first`: the run's index of their first row (for the error). */
function equityWords(result: EquitySource, first = 0): EquityWords {
  const n = result.equity.length;
  // Every stored point is read back with its date: a bar without one is refused here.
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(result.time[i])) throw new RangeError(`equity point ${first + i} has no date (time ${result.time[i]})`);
  }
  const columns = [result.time, result.equity, result.cash, result.position, result.close].map((c) => new Uint32Array(c.buffer, c.byteOffset, n * 2));
  return Object.assign(columns, { n });
}

function equityHeader(n: number): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header[0] = EQUITY_FORMAT;
  header.writeUInt32LE(n, 1);
  header.writeUInt32LE(EQUITY_BLOCK_ROWS, 5);
  return header;
}

/**
 * Writes rows [from, to) byte-shuffled into `out` at `at`: for each of the eight bytes of a
 * double (in memory order), that byte of every row of the time column, then of the equity, the
 * cash, the position and the close. Signs, exponents and high mantissa bytes (alike from bar to
 * bar) then form long runs that compress. Each double is read once, as two words, and its bytes
 * written to the eight planes.
 */
function shuffleRows(columns: EquityWords, from: number, to: number, out: Uint8Array, at: number): void {
  const rows = to - from;
  for (let c = 0; c < EQUITY_COLUMNS; c++) writeBytePlanes(columns[c], from, to, out, at + c * rows, EQUITY_COLUMNS * rows);
}

/**
 * Writes the doubles [from, to) of `words` (each as two 32-bit words) into eight byte planes of
 * `out` `plane` bytes apart, the first plane at `at`: byte k (in memory order) of the i-th double
 * at `at + (i − from) + k × plane`. Each double is read once, as two words.
 */
export function writeBytePlanes(words: Uint32Array, from: number, to: number, out: Uint8Array, at: number, plane: number): void {
  for (let i = from, q = at; i < to; i++, q++) {
    // Bytes 0-3 and 4-7 of the double, as they lie in memory.
    const first = FLOAT64_LITTLE_ENDIAN ? words[2 * i] : swapBytes(words[2 * i]);
    const second = FLOAT64_LITTLE_ENDIAN ? words[2 * i + 1] : swapBytes(words[2 * i + 1]);
    out[q] = first;
    out[q + plane] = first >>> 8;
    out[q + 2 * plane] = first >>> 16;
    out[q + 3 * plane] = first >>> 24;
    out[q + 4 * plane] = second;
    out[q + 5 * plane] = second >>> 8;
    out[q + 6 * plane] = second >>> 16;
    out[q + 7 * plane] = second >>> 24;
  }
}

function swapBytes(w: number): number {
  return ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
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
  const format = raw[0];
  if (format !== 1 && format !== 2) throw new Error(`unknown equity block format ${format}`);
  const n = raw.readUInt32LE(1);
  const header = format === 1 ? HEADER_V1_BYTES : HEADER_BYTES;
  // Format 1 is format 2 with all rows in one block.
  const blockRows = format === 1 ? Math.max(1, n) : raw.readUInt32LE(5);
  if (raw.length !== header + n * EQUITY_COLUMNS * 8 || blockRows < 1) throw new Error(`equity block of ${raw.length} bytes does not hold ${n} bars`);
  const values = new Float64Array(n * EQUITY_COLUMNS);
  const bytes = new Uint8Array(values.buffer);
  for (let from = 0; from < n; from += blockRows) {
    const rows = Math.min(blockRows, n - from);
    const plane = EQUITY_COLUMNS * rows;
    const base = header + from * EQUITY_COLUMNS * 8;
    for (let c = 0; c < EQUITY_COLUMNS; c++) {
      for (let k = 0; k < 8; k++) {
        const src = base + k * plane + c * rows;
        for (let i = 0, j = (c * n + from) * 8 + k; i < rows; i++, j += 8) bytes[j] = raw[src + i];
      }
    }
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
