/**
 * Receives one CSV record: its fields, the 1-based physical line where it starts, and a
 * syntax error when the record is malformed (an unterminated quoted field).
 */
export type CsvRecordHandler = (fields: string[], line: number, syntaxError?: string) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Calls `onRecord` for every non-blank record of a comma-separated text (RFC 4180 quoting,
 * LF or CRLF line ends, optional BOM). Lines without a quote take a plain `split(',')` fast
 * path; lines with one are parsed by a quote-aware scanner that may span several physical
 * lines, so line numbers stay those of the file.
 */
export function forEachCsvRecord(text: string, onRecord: CsvRecordHandler): void {
  const reader = new CsvRecordReader(onRecord);
  reader.push(text);
  reader.end();
}

/**
 * {@link forEachCsvRecord} over a text given in pieces (a file read a block at a time): pieces
 * may end anywhere, even inside a quoted field; a record is handed over once its line end (or
 * the end of the text) is seen. Records and line numbers are those of the whole text.
 */
export class CsvRecordReader {
  private pending = '';
  private line: number;
  private started: boolean;

  /**
   * `from` continues a text whose earlier lines were read elsewhere: the text given starts at
   * line `from.line`, and past the text's start (no BOM to skip).
   */
  constructor(
    private readonly onRecord: CsvRecordHandler,
    from: { line: number; started: boolean } = { line: 1, started: false },
  ) {
    this.line = from.line;
    this.started = from.started;
  }

  /** Reads the next piece of the text. */
  push(piece: string): void {
    this.read(this.pending.length === 0 ? piece : this.pending + piece, false);
  }

  /** Reads what is left: a last line without a line end, or an unterminated quoted field. */
  end(): void {
    this.read(this.pending, true);
    this.pending = '';
  }

  private read(text: string, final: boolean): void {
    const n = text.length;
    let pos = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) pos = 1;
    }
    let line = this.line;
    while (pos < n) {
      let end = text.indexOf('\n', pos);
      if (end === -1) {
        if (!final) break;
        end = n;
      }
      let lineText = text.slice(pos, end);
      if (lineText.indexOf('"') === -1) {
        if (lineText.charCodeAt(lineText.length - 1) === CR) lineText = lineText.slice(0, -1);
        if (lineText.length > 0) this.onRecord(lineText.split(','), line);
        line++;
        pos = end + 1;
        continue;
      }
      const record = scanQuotedRecord(text, pos);
      if (!record.ended && !final) break;
      this.onRecord(record.fields, line, record.syntaxError);
      line += record.newlines + 1;
      pos = record.next;
    }
    this.line = line;
    this.pending = pos < n ? text.slice(pos) : '';
  }
}

interface ScannedRecord {
  fields: string[];
  /** Index just after the record's line end. */
  next: number;
  /** Line breaks inside quoted fields. */
  newlines: number;
  /** The record ended at a line end (not at the end of the text). */
  ended: boolean;
  syntaxError?: string;
}

function scanQuotedRecord(text: string, start: number): ScannedRecord {
  const fields: string[] = [];
  const n = text.length;
  let field = '';
  let fieldStart = true;
  let inQuotes = false;
  let newlines = 0;
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (c === LF) newlines++;
        field += text[i];
      }
      i++;
      continue;
    }
    if (c === QUOTE && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === COMMA) {
      fields.push(field);
      field = '';
      fieldStart = true;
    } else if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) {
      fields.push(field);
      return { fields, next: c === LF ? i + 1 : i + 2, newlines, ended: true };
    } else {
      field += text[i];
      fieldStart = false;
    }
    i++;
  }
  fields.push(field);
  return inQuotes ? { fields, next: n, newlines, ended: false, syntaxError: 'unterminated quoted field' } : { fields, next: n, newlines, ended: false };
}
