import { StringDecoder } from 'node:string_decoder';
import { CsvRecordHandler, CsvRecordReader } from './csv-records.parser';

/**
 * Offered a line of a CSV file as bytes: `bytes[start, end)` without its line end (LF or CRLF),
 * never empty and without a quote. Returns true when it took the line; false to have the line
 * decoded and handed to the record handler as text fields instead.
 */
export type CsvPlainLineHandler = (bytes: Buffer, start: number, end: number, line: number) => boolean;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * {@link CsvRecordReader} over a file's bytes given in blocks: each line without a quote is
 * offered as bytes to `onPlainLine` (a price file's rows are read from them without a string
 * per line or field); a line it declines is decoded and split as the text reader would. From
 * the first line with a quote on (rare in price files: a quoted field may span lines), the
 * rest is decoded and read by the text reader itself. Records, fields and line numbers are
 * exactly those of {@link CsvRecordReader} over the UTF-8 decoded text.
 */
export class CsvBytesReader {
  private line = 1;
  private started = false;
  /** The start of a line that was cut by the end of a block. */
  private carry: Buffer | null = null;
  /** Set once a line with a quote is met: the rest of the text goes through it. */
  private text: { reader: CsvRecordReader; decoder: StringDecoder } | null = null;

  constructor(
    private readonly onRecord: CsvRecordHandler,
    private readonly onPlainLine: CsvPlainLineHandler,
  ) {}

  /** Reads the next block (it may end anywhere, even inside a character). */
  push(block: Buffer): void {
    if (this.text !== null) return this.text.reader.push(this.text.decoder.write(block));
    let from = 0;
    if (this.carry !== null) {
      const lf = block.indexOf(LF);
      if (lf === -1) {
        this.carry = Buffer.concat([this.carry, block]);
        return;
      }
      // The cut line, whole: read it alone, then the rest of the block.
      const joined = Buffer.concat([this.carry, block.subarray(0, lf + 1)]);
      this.carry = null;
      this.read(joined, false);
      // Reading it may have handed the rest to the text reader.
      const text = this.text as CsvBytesReader['text'];
      if (text !== null) return text.reader.push(text.decoder.write(block.subarray(lf + 1)));
      from = lf + 1;
    }
    this.read(from === 0 ? block : block.subarray(from), false);
  }

  /** Reads what is left: a last line without a line end. */
  end(): void {
    if (this.text === null && this.carry !== null) {
      const rest = this.carry;
      this.carry = null;
      this.read(rest, true);
    }
    if (this.text !== null) {
      this.text.reader.push(this.text.decoder.end());
      this.text.reader.end();
    }
  }

  private read(bytes: Buffer, final: boolean): void {
    const n = bytes.length;
    let pos = 0;
    if (!this.started && n > 0) {
      // The text reader skips a BOM at the start of the text; it is these three bytes.
      if (n < BOM.length && !final && BOM.slice(0, n).every((b, i) => bytes[i] === b)) {
        this.carry = Buffer.from(bytes);
        return;
      }
      this.started = true;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) pos = 3;
    }
    let quote = bytes.indexOf(QUOTE, pos);
    let line = this.line;
    while (pos < n) {
      let lf = bytes.indexOf(LF, pos);
      if (lf === -1) {
        if (!final) break;
        lf = n;
      }
      if (quote !== -1 && quote < lf) {
        this.line = line;
        this.toText(bytes.subarray(pos));
        return;
      }
      const end = lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf;
      if (end > pos && !this.onPlainLine(bytes, pos, end, line)) this.onRecord(bytes.toString('utf8', pos, end).split(','), line);
      line++;
      pos = lf + 1;
      if (quote !== -1 && quote < pos) quote = bytes.indexOf(QUOTE, pos);
    }
    this.line = line;
    if (pos < n) this.carry = Buffer.from(bytes.subarray(pos));
  }

  /** Hands the rest, from the start of a line, to the text reader. */
  private toText(rest: Buffer): void {
    const reader = new CsvRecordReader(this.onRecord, { line: this.line, started: true });
    this.text = { reader, decoder: new StringDecoder('utf8') };
    reader.push(this.text.decoder.write(rest));
  }
}
