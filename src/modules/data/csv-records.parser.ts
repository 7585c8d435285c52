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
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    let lineText = text.slice(pos, end);
    if (lineText.indexOf('"') === -1) {
      if (lineText.charCodeAt(lineText.length - 1) === CR) lineText = lineText.slice(0, -1);
      if (lineText.length > 0) onRecord(lineText.split(','), line);
      line++;
      pos = end + 1;
      continue;
    }
    const record = scanQuotedRecord(text, pos);
    onRecord(record.fields, line, record.syntaxError);
    line += record.newlines + 1;
    pos = record.next;
  }
}

interface ScannedRecord {
  fields: string[];
  /** Index just after the record's line end. */
  next: number;
  /** Line breaks inside quoted fields. */
  newlines: number;
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
      return { fields, next: c === LF ? i + 1 : i + 2, newlines };
    } else {
      field += text[i];
      fieldStart = false;
    }
    i++;
  }
  fields.push(field);
  return inQuotes ? { fields, next: n, newlines, syntaxError: 'unterminated quoted field' } : { fields, next: n, newlines };
}
