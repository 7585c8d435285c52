import { DailyMoveCheck, DateOrderCheck, newRowReading, readPriceFields, RowReading } from './bar.validator';
import { CsvBytesReader } from './csv-bytes.reader';
import { CsvRecordReader } from './csv-records.parser';
import { DataValidationError } from './data-validation.error';
import { detectPriceLayout, PriceLayout } from './price-layout';
import { PriceColumns, PriceColumnsBuilder } from './price-columns';
import { plainRowKinds, readPlainPriceRow } from './plain-price-row.reader';
import type { BadRowPolicy, DataProblem, PriceLayoutName } from './price-row';
import { normaliseSymbol } from './symbol-name';

/** Options of {@link parsePriceCsv}. */
export interface PriceCsvOptions {
  /** How the file is named in problems (`<file>:<line>: <reason>`). */
  file: string;
  /** The symbol of a file without a symbol column (required there); for a long file, keep only this symbol. */
  symbol?: string;
  /** The symbol of a file without a symbol column when `symbol` is not given (e.g. derived from its name). */
  fallbackSymbol?: string;
  /** 'error' (default) throws a {@link DataValidationError} listing every problem; 'skip' drops bad rows. */
  onBadRow?: BadRowPolicy;
}

/** Validated raw rows of a price file, per symbol, each in ascending date order. */
export interface ParsedPriceCsv {
  file: string;
  layout: PriceLayoutName;
  /** The file has a non-empty adjusted close column. */
  hasAdjClose: boolean;
  /** The file has a non-empty split coefficient column. */
  hasSplitCoefficient: boolean;
  symbols: Map<string, PriceColumns>;
  /** Data records read (for a long file filtered by symbol: that symbol's records). */
  records: number;
  /** Records dropped under `onBadRow: 'skip'` (equals `problems.length`). */
  skippedRows: number;
  /** One problem per bad record, in line order. */
  problems: DataProblem[];
}

interface SymbolRows {
  columns: PriceColumnsBuilder;
  order: DateOrderCheck;
  moves: DailyMoveCheck;
  // Rows kept while the file is read whose optional column is empty: a defect only if the
  // column has a value in some other row, known at the end (indexes in push order, and lines).
  adjGaps: number[];
  splitGaps: number[];
}

/** Characters of the first piece looked at to guess a one-symbol file's row count from its size. */
const SIZE_SAMPLE = 1 << 18;

/**
 * Parses and validates a price CSV text of any supported layout (see price-layout.ts).
 * Alpha Vantage files (newest first) come out ascending. Throws on an unrecognised header, on a
 * file without data rows, and (policy 'error') with all problems at once.
 */
export function parsePriceCsv(text: string, options: PriceCsvOptions): ParsedPriceCsv {
  const parser = new PriceCsvParser(options, text.length);
  parser.push(text);
  return parser.end();
}

/**
 * {@link parsePriceCsv} over a text given in pieces (a file read a block at a time), straight
 * into columns: no row objects and no whole text in memory. `size` (the text's length, if
 * known) sizes a one-symbol file's columns so they are not regrown as they fill.
 *
 * A file's bytes may be given instead of its text ({@link pushBytes}): its plain rows are then
 * read from the bytes, without a string per row or field (see `readPlainPriceRow`), and every
 * other line as text; the rows, problems and errors are those of the decoded text.
 */
export class PriceCsvParser {
  private readonly file: string;
  private wanted: string | undefined;
  private readonly problems: DataProblem[] = [];
  private readonly bySymbol = new Map<string, SymbolRows>();
  private readonly days = new Map<string, number>();
  private readonly symbolNames = new Map<string, string>();
  private readonly reading = newRowReading();
  private readonly reader = new CsvRecordReader((fields, line, syntaxError) => this.record(fields, line, syntaxError));
  private bytesReader: CsvBytesReader | undefined;
  /** What {@link readPlainPriceRow} reads: the layout's fields, and room for a row's values. */
  private plainKinds: Int8Array | undefined;
  private readonly plainValues = new Float64Array(10);
  private layout: PriceLayout | undefined;
  private records = 0;
  private adjValues = 0;
  private splitValues = 0;
  private expectedRows = 1024;

  constructor(
    private readonly options: PriceCsvOptions,
    private readonly size?: number,
  ) {
    this.file = options.file;
    this.wanted = options.symbol === undefined ? undefined : requireSymbol(options.symbol, this.file);
  }

  push(piece: string): void {
    if (this.bytesReader !== undefined) throw new Error('a price file is given as text or as bytes, not both');
    if (this.layout === undefined && this.size !== undefined) this.expectedRows = rowsToExpect(piece, this.size);
    this.reader.push(piece);
  }

  /** Reads the next block of the file's bytes (UTF-8; a block may end anywhere). */
  pushBytes(block: Buffer): void {
    if (this.bytesReader === undefined) {
      if (this.records > 0 || this.layout !== undefined) throw new Error('a price file is given as text or as bytes, not both');
      this.bytesReader = new CsvBytesReader(
        (fields, line, syntaxError) => this.record(fields, line, syntaxError),
        (bytes, start, end, line) => this.plainRecord(bytes, start, end, line),
      );
    }
    if (this.layout === undefined && this.size !== undefined) this.expectedRows = rowsToExpectInBytes(block, this.size);
    this.bytesReader.push(block);
  }

  /** Reads the rest and returns the file's rows, or throws as {@link parsePriceCsv} does. */
  end(): ParsedPriceCsv {
    if (this.bytesReader !== undefined) this.bytesReader.end();
    else this.reader.end();
    const { file, layout, problems } = this;
    if (layout === undefined) throw new Error(`${file}: the file is empty`);
    const hasAdjClose = layout.adjClose !== -1 && this.adjValues > 0;
    const hasSplitCoefficient = layout.splitCoefficient !== -1 && this.splitValues > 0;
    // An optional column empty in every row means "absent"; empty in only some rows is a defect.
    if (hasAdjClose) for (const rows of this.bySymbol.values()) gapProblems(rows.adjGaps, `empty ${layout.headers[layout.adjClose]}`, file, problems);
    if (hasSplitCoefficient) for (const rows of this.bySymbol.values()) gapProblems(rows.splitGaps, `empty ${layout.headers[layout.splitCoefficient]}`, file, problems);
    problems.sort((a, b) => a.line - b.line);

    if (problems.length > 0 && (this.options.onBadRow ?? 'error') === 'error') throw new DataValidationError(file, problems);
    if (layout.symbol !== -1 && this.wanted !== undefined && this.records === 0) throw new Error(`${file}: no rows for symbol ${this.wanted}`);
    const symbols = new Map<string, PriceColumns>();
    for (const [symbol, rows] of this.bySymbol) {
      const dropped = droppedRows(hasAdjClose ? rows.adjGaps : [], hasSplitCoefficient ? rows.splitGaps : []);
      const columns = rows.columns.finish(dropped, layout.descending, hasAdjClose, hasSplitCoefficient);
      if (columns.length > 0) symbols.set(symbol, columns);
    }
    if (symbols.size === 0) throw new Error(`${file}: no valid data rows`);
    return { file, layout: layout.name, hasAdjClose, hasSplitCoefficient, symbols, records: this.records, skippedRows: problems.length, problems };
  }

  private record(fields: string[], line: number, syntaxError: string | undefined): void {
    const { file, layout } = this;
    if (layout === undefined) {
      this.header(fields);
      return;
    }
    let symbol = this.wanted as string;
    if (layout.symbol !== -1 && fields.length > layout.symbol) {
      const raw = fields[layout.symbol];
      if (this.wanted !== undefined && raw.trim().toUpperCase() !== this.wanted) return;
      let name = this.symbolNames.get(raw);
      if (name === undefined) this.symbolNames.set(raw, (name = normaliseSymbol(raw) ?? ''));
      symbol = name;
    }
    this.records++;
    if (syntaxError !== undefined) return this.bad(line, syntaxError);
    if (fields.length !== layout.fieldCount) return this.bad(line, `expected ${layout.fieldCount} fields, found ${fields.length}`);
    const reading = readPriceFields(fields, layout, this.days, this.reading);
    let reasons = reading.reasons;
    if (symbol === '') (reasons ??= []).push(`invalid ${layout.headers[layout.symbol]} "${fields[layout.symbol]}"`);
    if (!reading.adjCloseEmpty) this.adjValues++;
    if (!reading.splitEmpty) this.splitValues++;
    if (reasons !== null) return this.bad(line, reasons.join('; '));
    this.accept(symbol, reading, line);
  }

  /**
   * A line of a file given as bytes, read as {@link record} reads its fields when it is a plain
   * good row (see `readPlainPriceRow`); false to have it read as text.
   */
  private plainRecord(bytes: Buffer, start: number, end: number, line: number): boolean {
    const layout = this.layout;
    if (layout === undefined) return false;
    this.plainKinds ??= plainRowKinds(layout);
    const v = this.plainValues;
    if (!readPlainPriceRow(bytes, start, end, this.plainKinds, v)) return false;
    let symbol = this.wanted as string;
    if (layout.symbol !== -1) {
      const raw = bytes.toString('latin1', v[8], v[9]);
      if (this.wanted !== undefined && raw.trim().toUpperCase() !== this.wanted) return true;
      let name = this.symbolNames.get(raw);
      if (name === undefined) this.symbolNames.set(raw, (name = normaliseSymbol(raw) ?? ''));
      // An invalid name is a bad row, worded by the text path.
      if (name === '') return false;
      symbol = name;
    }
    this.records++;
    // NaN is an empty field (a layout without the column leaves the adjusted close NaN and the split 1).
    const adjCloseEmpty = layout.adjClose !== -1 && v[6] !== v[6];
    const splitEmpty = v[7] !== v[7];
    if (!adjCloseEmpty) this.adjValues++;
    if (!splitEmpty) this.splitValues++;
    const reading = this.reading;
    const row = reading.row;
    row.time = v[0];
    row.open = v[1];
    row.high = v[2];
    row.low = v[3];
    row.close = v[4];
    row.volume = v[5];
    row.adjClose = v[6];
    row.splitCoefficient = splitEmpty ? 1 : v[7];
    reading.reasons = null;
    reading.adjCloseEmpty = adjCloseEmpty;
    reading.splitEmpty = splitEmpty;
    this.accept(symbol, reading, line);
    return true;
  }

  /** Keeps a row that breaks no field rule, unless it breaks the date order or moves implausibly. */
  private accept(symbol: string, reading: RowReading, line: number): void {
    const layout = this.layout!;
    let target = this.bySymbol.get(symbol);
    if (target === undefined) {
      // A file of one symbol (the usual case) gets columns sized for the whole file at once.
      const expected = this.bySymbol.size === 0 && (layout.symbol === -1 || this.wanted !== undefined) ? this.expectedRows : 1024;
      target = {
        columns: new PriceColumnsBuilder(layout.adjClose !== -1, layout.splitCoefficient !== -1, expected),
        order: new DateOrderCheck(layout.descending),
        moves: new DailyMoveCheck(layout.descending),
        adjGaps: [],
        splitGaps: [],
      };
      this.bySymbol.set(symbol, target);
    }
    const row = reading.row;
    const orderProblem = target.order.accept(row.time, line);
    if (orderProblem !== null) return this.bad(line, orderProblem);
    const moveProblem = target.moves.accept(row, line);
    if (moveProblem !== null) return this.bad(line, moveProblem);
    const index = target.columns.length;
    if (reading.adjCloseEmpty) target.adjGaps.push(index, line);
    if (reading.splitEmpty) target.splitGaps.push(index, line);
    target.columns.pushRow(row);
  }

  private header(fields: string[]): void {
    const layout = detectPriceLayout(fields, this.file);
    if (layout.symbol === -1 && this.wanted === undefined) {
      if (this.options.fallbackSymbol === undefined) {
        throw new Error(`${this.file}: the file has no symbol column and no symbol was given (use --symbol)`);
      }
      this.wanted = requireSymbol(this.options.fallbackSymbol, this.file);
    }
    this.layout = layout;
  }

  private bad(line: number, reason: string): void {
    this.problems.push({ file: this.file, line, reason });
  }
}

/** Rows a text of `size` characters holds, guessed from the line lengths of its first piece (with room to spare). */
function rowsToExpect(piece: string, size: number): number {
  const sample = Math.min(piece.length, SIZE_SAMPLE);
  let lines = 0;
  for (let at = piece.indexOf('\n'); at !== -1 && at < sample; at = piece.indexOf('\n', at + 1)) lines++;
  if (lines === 0) return 1024;
  return Math.ceil((size / (sample / lines)) * 1.05) + 1024;
}

/** {@link rowsToExpect} of a file's first block of bytes, `size` bytes long. */
function rowsToExpectInBytes(block: Buffer, size: number): number {
  const sample = Math.min(block.length, SIZE_SAMPLE);
  let lines = 0;
  for (let at = block.indexOf(10); at !== -1 && at < sample; at = block.indexOf(10, at + 1)) lines++;
  if (lines === 0) return 1024;
  return Math.ceil((size / (sample / lines)) * 1.05) + 1024;
}

function requireSymbol(text: string, file: string): string {
  const symbol = normaliseSymbol(text);
  if (symbol === null) throw new Error(`${file}: "${text}" is not a usable symbol`);
  return symbol;
}

/** One problem per gap (`gaps` holds index, line pairs). */
function gapProblems(gaps: readonly number[], reason: string, file: string, problems: DataProblem[]): void {
  for (let i = 1; i < gaps.length; i += 2) problems.push({ file, line: gaps[i], reason });
}

/** The ascending, distinct row indexes of two gap lists (index, line pairs). */
function droppedRows(adjGaps: readonly number[], splitGaps: readonly number[]): number[] {
  const rows = new Set<number>();
  for (let i = 0; i < adjGaps.length; i += 2) rows.add(adjGaps[i]);
  for (let i = 0; i < splitGaps.length; i += 2) rows.add(splitGaps[i]);
  return [...rows].sort((a, b) => a - b);
}
