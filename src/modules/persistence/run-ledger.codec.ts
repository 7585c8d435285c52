import { brotliDecompressSync } from 'node:zlib';
import type { LedgerColumns } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { orderColumnsOf, RecordList, tradeColumnsOf } from '../../core/engine/record-list';
import { FLOAT64_LITTLE_ENDIAN } from '../config/byte-order';
import { brotli, Compress, writeBytePlanes } from './run-series.codec';

/*
 * A run's trades and orders are stored as one compressed block each (beside its equity block
 * in `run_series`) instead of a row per trade and per order: a 1M-bar run's 55,552 orders were
 * some 750,000 values bound one at a time. Each field is a column of doubles (every bit kept,
 * infinities and -0 included; every NaN as one quiet NaN); a text field's column holds indices
 * into the block's list of distinct texts, which is short (sides, reasons, statuses) or as long
 * as the texts themselves. A run's result hash reads the same uncompressed blocks.
 */

/** Format of a ledger block: 1 = text list as JSON, then byte-shuffled float64 columns, brotli-compressed. */
const LEDGER_FORMAT = 1;
/** Format byte, record count, field count, byte length of the text list. */
const HEADER_BYTES = 1 + 4 + 1 + 4;
/** The doubles compress like the equity's (a store must not cost more than the engine). */
const LEDGER_QUALITY = 0;

type Kind = 'number' | 'text';
type Fields<R> = ReadonlyArray<readonly [keyof R & string, Kind]>;

/** A trade's fields in the order a read record has them. */
const TRADE_FIELDS: Fields<Trade> = [
  ['direction', 'text'],
  ['entryBar', 'number'],
  ['entryTime', 'number'],
  ['entryPrice', 'number'],
  ['exitBar', 'number'],
  ['exitTime', 'number'],
  ['exitPrice', 'number'],
  ['maxQty', 'number'],
  ['qty', 'number'],
  ['pnl', 'number'],
  ['returnPct', 'number'],
  ['commission', 'number'],
  ['exitReason', 'text'],
  ['barsHeld', 'number'],
];

/** An order's fields in the order a read record has them. */
const ORDER_FIELDS: Fields<OrderRecord> = [
  ['id', 'number'],
  ['signalBar', 'number'],
  ['signalTime', 'number'],
  ['side', 'text'],
  ['type', 'text'],
  ['requestedQty', 'number'],
  ['limit', 'number'],
  ['stop', 'number'],
  ['reason', 'text'],
  ['tag', 'text'],
  ['status', 'text'],
  ['eventBar', 'number'],
  ['eventTime', 'number'],
  ['filledQty', 'number'],
  ['price', 'number'],
  ['commission', 'number'],
  ['note', 'text'],
];

/**
 * A run's trades in engine order, as one compressed block. The uncompressed block a result hash
 * made of them is taken (not kept any longer: the store is the last to read it).
 */
export function encodeTrades<D = Buffer>(trades: RecordList<Trade>, compress: Compress<D> = brotli as Compress<D>): D {
  const block = tradesBlock(trades);
  blocks.delete(trades);
  return compress(LEDGER_QUALITY, block);
}

export function decodeTrades(block: Buffer): Trade[] {
  return decodeLedger(block, TRADE_FIELDS, 'trade');
}

/** A run's orders in engine order, as one compressed block (the uncompressed one taken, as for trades). */
export function encodeOrders<D = Buffer>(orders: RecordList<OrderRecord>, compress: Compress<D> = brotli as Compress<D>): D {
  const block = ordersBlock(orders);
  blocks.delete(orders);
  return compress(LEDGER_QUALITY, block);
}

export function decodeOrders(block: Buffer): OrderRecord[] {
  return decodeLedger(block, ORDER_FIELDS, 'order');
}

/**
 * The uncompressed block of a run's trades (what {@link encodeTrades} compresses): from the
 * engine's columns when the list reads them (the same bytes as from the records), else from the
 * records. Made once per list until it is stored: a run's records are final, and its result
 * hash reads the same bytes as its store.
 */
export function tradesBlock(trades: RecordList<Trade>): Buffer {
  const columns = tradeColumnsOf(trades);
  return memoized(trades, () => (columns ? blockOfColumns(tradeColumns(columns)) : encodeLedger(trades as readonly Trade[], TRADE_FIELDS, 'trade')));
}

/** The uncompressed block of a run's orders, made once per list (see {@link tradesBlock}). */
export function ordersBlock(orders: RecordList<OrderRecord>): Buffer {
  const columns = orderColumnsOf(orders);
  return memoized(orders, () => (columns ? blockOfColumns(orderColumns(columns)) : encodeLedger(orders as readonly OrderRecord[], ORDER_FIELDS, 'order')));
}

const blocks = new WeakMap<object, Buffer>();

function memoized(records: object, encode: () => Buffer): Buffer {
  let block = blocks.get(records);
  if (block === undefined) blocks.set(records, (block = encode()));
  return block;
}

/**
 * The block's bytes as a little-endian platform writes them, a piece at a time: its header and
 * text list, then its byte planes (on a big-endian platform the planes of a double lie in the
 * other order). What a result hash reads, the same on every platform.
 */
export function forEachLittleEndianPiece(block: Uint8Array, emit: (piece: Uint8Array) => void): void {
  const start = HEADER_BYTES + Buffer.from(block.buffer, block.byteOffset, block.length).readUInt32LE(6);
  if (FLOAT64_LITTLE_ENDIAN) {
    emit(block);
    return;
  }
  const plane = (block.length - start) / 8;
  emit(block.subarray(0, start));
  for (let k = 7; k >= 0; k--) emit(block.subarray(start + k * plane, start + (k + 1) * plane));
}

/**
 * A field's values for {@link blockOfColumns}: numbers, or codes into a list of texts (the
 * engine's columns, read without building a record each).
 */
type FieldColumn = { numbers: ArrayLike<number> } | { codes: ArrayLike<number>; texts: readonly string[] };

/** An order's fields (ORDER_FIELDS, in that order) from the engine's columns. */
function orderColumns(o: LedgerColumns['orders']): FieldColumn[] {
  const id = new Float64Array(o.count);
  for (let i = 0; i < o.count; i++) id[i] = i + 1;
  return [
    { numbers: id }, { numbers: o.signalBar }, { numbers: o.signalTime }, { codes: o.side, texts: o.sides }, { codes: o.type, texts: o.types },
    { numbers: o.requestedQty }, { numbers: o.limit }, { numbers: o.stop }, { codes: o.reason, texts: o.reasons }, { codes: o.tag, texts: o.strings },
    { codes: o.status, texts: o.statuses }, { numbers: o.eventBar }, { numbers: o.eventTime }, { numbers: o.filledQty }, { numbers: o.price },
    { numbers: o.commission }, { codes: o.note, texts: o.strings },
  ];
}

const DIRECTIONS = ['short', 'long'];

/** A trade's fields (TRADE_FIELDS, in that order) from the engine's columns. */
function tradeColumns(t: LedgerColumns['trades']): FieldColumn[] {
  const barsHeld = new Float64Array(t.count);
  for (let i = 0; i < t.count; i++) barsHeld[i] = t.exitBar[i] - t.entryBar[i];
  return [
    { codes: t.long, texts: DIRECTIONS }, { numbers: t.entryBar }, { numbers: t.entryTime }, { numbers: t.entryPrice }, { numbers: t.exitBar },
    { numbers: t.exitTime }, { numbers: t.exitPrice }, { numbers: t.maxQty }, { numbers: t.qty }, { numbers: t.pnl }, { numbers: t.returnPct },
    { numbers: t.commission }, { codes: t.exitReason, texts: t.reasons }, { numbers: barsHeld },
  ];
}

/**
 * The block {@link encodeLedger} makes of the records these columns make, byte for byte: each
 * number as is (every NaN as one quiet NaN), each text by its place in the block's list of
 * texts, in the order texts first appear field after field. The values go from the columns to
 * the block's byte planes a few thousand at a time: a long run's ledger is never in memory twice.
 */
function blockOfColumns(fields: readonly FieldColumn[]): Buffer {
  const n = fields.length === 0 ? 0 : 'numbers' in fields[0] ? fields[0].numbers.length : fields[0].codes.length;
  // The list of texts precedes the values: every code's place in it is known before they are written.
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const places = fields.map((field, c) => ('numbers' in field ? null : placesOfCodes(field, c, n, texts, textIndex)));
  const { out, start } = ledgerBlockWithTexts(n, fields.length, texts);
  const scratch = new Float64Array(Math.min(n, SCRATCH_VALUES));
  const words = new Uint32Array(scratch.buffer);
  const plane = n * fields.length;
  fields.forEach((field, c) => {
    const codePlaces = places[c];
    for (let from = 0; from < n; from += scratch.length) {
      const m = Math.min(scratch.length, n - from);
      if ('numbers' in field) {
        const numbers = field.numbers;
        for (let i = 0; i < m; i++) {
          const v = numbers[from + i];
          if (v === v) scratch[i] = v;
          else {
            words[2 * i] = FLOAT64_LITTLE_ENDIAN ? 0 : 0x7ff80000;
            words[2 * i + 1] = FLOAT64_LITTLE_ENDIAN ? 0x7ff80000 : 0;
          }
        }
      } else {
        const codes = field.codes;
        for (let i = 0; i < m; i++) scratch[i] = codePlaces![codes[from + i]];
      }
      writeBytePlanes(words, 0, m, out, start + c * n + from, plane);
    }
  });
  return out;
}

/** Values a ledger block is written from at a time (64 kB). */
const SCRATCH_VALUES = 8_192;

/**
 * Each code's place in the block's list of texts (adding the texts this field brings, in the
 * order they first appear): looked up once per code, not once per record.
 */
function placesOfCodes(field: { codes: ArrayLike<number>; texts: readonly string[] }, c: number, n: number, texts: string[], textIndex: Map<string, number>): Int32Array {
  const placeOfCode = new Int32Array(field.texts.length).fill(-1);
  for (let i = 0; i < n; i++) {
    const code = field.codes[i];
    if (placeOfCode[code] >= 0) continue;
    const text = field.texts[code];
    if (typeof text !== 'string') throw new TypeError(`ledger column ${c}, record ${i}: code ${code} names no text`);
    let k = textIndex.get(text);
    if (k === undefined) {
      k = texts.length;
      texts.push(text);
      textIndex.set(text, k);
    }
    placeOfCode[code] = k;
  }
  return placeOfCode;
}

function encodeLedger<R>(records: readonly R[], fields: Fields<R>, what: string): Buffer {
  const n = records.length;
  const columns = fields.length;
  const values = new Float64Array(n * columns);
  const words = new Uint32Array(values.buffer);
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  for (let c = 0; c < columns; c++) {
    const [name, kind] = fields[c];
    const base = c * n;
    for (let i = 0; i < n; i++) {
      const v = (records[i] as Record<string, unknown>)[name];
      if (kind === 'number') {
        if (typeof v !== 'number') throw new TypeError(`${what} ${i}: ${name} is not a number (${typeof v})`);
        if (v === v) values[base + i] = v;
        else {
          // One quiet NaN for every NaN: equal records give equal bytes (and equal result hashes).
          words[2 * (base + i)] = FLOAT64_LITTLE_ENDIAN ? 0 : 0x7ff80000;
          words[2 * (base + i) + 1] = FLOAT64_LITTLE_ENDIAN ? 0x7ff80000 : 0;
        }
      } else {
        if (typeof v !== 'string') throw new TypeError(`${what} ${i}: ${name} is not a text (${typeof v})`);
        let k = textIndex.get(v);
        if (k === undefined) {
          k = texts.length;
          texts.push(v);
          textIndex.set(v, k);
        }
        values[base + i] = k;
      }
    }
  }
  return ledgerBlock(n, columns, values, texts);
}

/** The block of `n` records of `columns` fields: header, the list of texts, the values byte-shuffled. */
function ledgerBlock(n: number, columns: number, values: Float64Array, texts: readonly string[]): Buffer {
  const { out, start } = ledgerBlockWithTexts(n, columns, texts);
  // Byte-shuffled as the equity block is: the k-th byte (in memory order) of every double together.
  writeBytePlanes(new Uint32Array(values.buffer), 0, values.length, out, start, values.length);
  return out;
}

/** A block of `n` records of `columns` fields with its header and list of texts written; its byte planes begin at `start`. */
function ledgerBlockWithTexts(n: number, columns: number, texts: readonly string[]): { out: Buffer; start: number } {
  const list = Buffer.from(JSON.stringify(texts));
  const start = HEADER_BYTES + list.length;
  const out = Buffer.allocUnsafe(start + n * columns * 8);
  out[0] = LEDGER_FORMAT;
  out.writeUInt32LE(n, 1);
  out[5] = columns;
  out.writeUInt32LE(list.length, 6);
  list.copy(out, HEADER_BYTES);
  return { out, start };
}

function decodeLedger<R>(block: Buffer, fields: Fields<R>, what: string): R[] {
  const raw = brotliDecompressSync(block);
  if (raw[0] !== LEDGER_FORMAT) throw new Error(`unknown ${what} block format ${raw[0]}`);
  const n = raw.readUInt32LE(1);
  if (raw[5] !== fields.length) throw new Error(`${what} block has ${raw[5]} fields, not ${fields.length}`);
  const listBytes = raw.readUInt32LE(6);
  const start = HEADER_BYTES + listBytes;
  const count = n * fields.length;
  if (raw.length !== start + count * 8) throw new Error(`${what} block of ${raw.length} bytes does not hold ${n} records`);
  const texts = JSON.parse(raw.toString('utf8', HEADER_BYTES, start)) as string[];
  const values = new Float64Array(count);
  const bytes = new Uint8Array(values.buffer);
  for (let k = 0; k < 8; k++) {
    const base = start + k * count;
    for (let i = 0, j = k; i < count; i++, j += 8) bytes[j] = raw[base + i];
  }
  const records: R[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) {
      const [name, kind] = fields[c];
      const v = values[c * n + i];
      if (kind === 'number') record[name] = v;
      else {
        const text = texts[v];
        if (text === undefined) throw new Error(`${what} block: ${name} of record ${i} names text ${v} of ${texts.length}`);
        record[name] = text;
      }
    }
    records[i] = record as R;
  }
  return records;
}
