import type { RecordList } from '../../core/engine/record-list';
import type { ChunkedContent } from './artifact-content';
import { writeIsoDayAscii } from './iso-day-ascii';
import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from './number-ascii';

/** Bytes of a block: the rows are written into it and it is handed on when full. */
const BLOCK_BYTES = 1 << 20;
const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Writes CSV rows as bytes straight into a block that is handed on when the next row may not
 * fit: the same text as `csvDocument` of `csvField`, `csvNumber` and `csvDate` fields, without a
 * string per field or per row. A row may be as long as it likes (a bigger block is made for it).
 */
export class CsvBlockWriter {
  private block: Buffer;
  private at = 0;
  private first = true;

  constructor(expectedBytes: number) {
    this.block = Buffer.allocUnsafe(Math.max(4096, Math.min(BLOCK_BYTES, Math.ceil(expectedBytes))));
  }

  /**
   * Starts a row of at most `maxBytes`; returns the block written so far when the row might not
   * fit after it, else null. That block is to be handed on before the row is written: the row
   * is written over it.
   */
  startRow(maxBytes: number): Uint8Array | null {
    this.first = true;
    if (this.at + maxBytes <= this.block.length) return null;
    const full = this.at > 0 ? this.block.subarray(0, this.at) : null;
    this.at = 0;
    if (maxBytes > this.block.length) this.block = Buffer.allocUnsafe(maxBytes);
    return full;
  }

  endRow(): void {
    this.block[this.at++] = NEWLINE;
  }

  /** What is left to hand on. */
  rest(): Uint8Array | null {
    return this.at > 0 ? this.block.subarray(0, this.at) : null;
  }

  /** A field written as `String(n)`. */
  plainNumber(n: number): void {
    this.separate();
    this.at = writeNumberAscii(this.block, this.at, n);
  }

  /** A field as `csvNumber` writes it: NaN is empty. */
  number(n: number): void {
    this.separate();
    if (n === n) this.at = writeNumberAscii(this.block, this.at, n);
  }

  /** A field as `csvDate` writes it: empty when the time is not finite. */
  date(time: number): void {
    this.separate();
    if (Number.isFinite(time)) this.at = writeIsoDayAscii(this.block, this.at, time);
  }

  /** An empty field. */
  empty(): void {
    this.separate();
  }

  /** A text field as `csvField` writes it (quoted when it holds a comma, quote or line break), in UTF-8. */
  text(value: string): void {
    this.separate();
    if (value === undefined || value === null) return;
    const s = String(value);
    if (NEEDS_QUOTES.test(s)) {
      this.block[this.at++] = QUOTE;
      this.at += this.block.write(s.replace(/"/g, '""'), this.at, 'utf8');
      this.block[this.at++] = QUOTE;
      return;
    }
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.at += this.block.write(s.slice(i), this.at, 'utf8');
        return;
      }
      this.block[this.at++] = c;
    }
  }

  private separate(): void {
    if (this.first) this.first = false;
    else this.block[this.at++] = COMMA;
  }
}

/** Room for a number field and its separator. */
export const NUMBER_FIELD_BYTES = NUMBER_ASCII_MAX_BYTES + 1;
/** Room for a date field and its separator. */
export const DATE_FIELD_BYTES = 11;

/** Room for a text field and its separator: three bytes a UTF-16 unit at most, each quote doubled, two quotes around. */
export function textFieldBytes(value: string): number {
  return (value === undefined || value === null ? 0 : 6 * String(value).length) + 3;
}

/** A CSV document of `items`, one row each after the header, made a block at a time as it is written. */
export function csvBlocks<T>(header: readonly string[], items: RecordList<T>, rowBytes: (item: T) => number, writeRow: (out: CsvBlockWriter, item: T) => void): ChunkedContent {
  return {
    *chunks() {
      const out = new CsvBlockWriter(64 + items.length * 128);
      out.startRow(header.reduce((sum, h) => sum + textFieldBytes(h), 1));
      for (const name of header) out.text(name);
      out.endRow();
      for (let i = 0; i < items.length; i++) {
        const item = items.at(i)!;
        const full = out.startRow(rowBytes(item) + 1);
        if (full) yield full;
        writeRow(out, item);
        out.endRow();
      }
      const rest = out.rest();
      if (rest) yield rest;
    },
  };
}
