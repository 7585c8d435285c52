import { DailyMoveCheck, DateOrderCheck, readPriceFields } from './bar.validator';
import { forEachCsvRecord } from './csv-records.parser';
import { DataValidationError } from './data-validation.error';
import { detectPriceLayout, PriceLayout } from './price-layout';
import type { BadRowPolicy, DataProblem, PriceLayoutName, PriceRow } from './price-row';
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
  symbols: Map<string, PriceRow[]>;
  /** Data records read (for a long file filtered by symbol: that symbol's records). */
  records: number;
  /** Records dropped under `onBadRow: 'skip'` (equals `problems.length`). */
  skippedRows: number;
  /** One problem per bad record, in line order. */
  problems: DataProblem[];
}

interface SymbolRows {
  rows: Array<PriceRow | null>;
  order: DateOrderCheck;
  moves: DailyMoveCheck;
}

interface OptionalGap {
  target: SymbolRows;
  index: number;
  line: number;
}

/**
 * Parses and validates a price CSV text of any supported layout (see price-layout.ts).
 * Alpha Vantage files (newest first) come out ascending. Throws on an unrecognised header, on a
 * file without data rows, and (policy 'error') with all problems at once.
 */
export function parsePriceCsv(text: string, options: PriceCsvOptions): ParsedPriceCsv {
  const { file } = options;
  let wanted = options.symbol === undefined ? undefined : requireSymbol(options.symbol, file);
  const problems: DataProblem[] = [];
  const bySymbol = new Map<string, SymbolRows>();
  const days = new Map<string, number>();
  const symbolNames = new Map<string, string>();
  const adjGaps: OptionalGap[] = [];
  const splitGaps: OptionalGap[] = [];
  let layout: PriceLayout | undefined;
  let records = 0;
  let adjValues = 0;
  let splitValues = 0;

  forEachCsvRecord(text, (fields, line, syntaxError) => {
    if (layout === undefined) {
      layout = detectPriceLayout(fields, file);
      if (layout.symbol === -1 && wanted === undefined) {
        if (options.fallbackSymbol === undefined) {
          throw new Error(`${file}: the file has no symbol column and no symbol was given (use --symbol)`);
        }
        wanted = requireSymbol(options.fallbackSymbol, file);
      }
      return;
    }
    let symbol = wanted as string;
    if (layout.symbol !== -1 && fields.length > layout.symbol) {
      const raw = fields[layout.symbol];
      if (wanted !== undefined && raw.trim().toUpperCase() !== wanted) return;
      let name = symbolNames.get(raw);
      if (name === undefined) symbolNames.set(raw, (name = normaliseSymbol(raw) ?? ''));
      symbol = name;
    }
    records++;
    const bad = (reason: string): void => void problems.push({ file, line, reason });
    if (syntaxError !== undefined) return bad(syntaxError);
    if (fields.length !== layout.fieldCount) return bad(`expected ${layout.fieldCount} fields, found ${fields.length}`);
    const reading = readPriceFields(fields, layout, days);
    const reasons = reading.reasons ?? [];
    if (symbol === '') reasons.push(`invalid ${layout.headers[layout.symbol]} "${fields[layout.symbol]}"`);
    if (!reading.adjCloseEmpty) adjValues++;
    if (!reading.splitEmpty) splitValues++;
    if (reasons.length > 0) return bad(reasons.join('; '));

    let target = bySymbol.get(symbol);
    if (target === undefined) bySymbol.set(symbol, (target = { rows: [], order: new DateOrderCheck(layout.descending), moves: new DailyMoveCheck(layout.descending) }));
    const orderProblem = target.order.accept(reading.row.time, line);
    if (orderProblem !== null) return bad(orderProblem);
    const moveProblem = target.moves.accept(reading.row, line);
    if (moveProblem !== null) return bad(moveProblem);
    if (reading.adjCloseEmpty) adjGaps.push({ target, index: target.rows.length, line });
    if (reading.splitEmpty) splitGaps.push({ target, index: target.rows.length, line });
    target.rows.push(reading.row);
  });

  if (layout === undefined) throw new Error(`${file}: the file is empty`);
  const hasAdjClose = layout.adjClose !== -1 && adjValues > 0;
  const hasSplitCoefficient = layout.splitCoefficient !== -1 && splitValues > 0;
  // An optional column empty in every row means "absent"; empty in only some rows is a defect.
  if (hasAdjClose) dropGaps(adjGaps, `empty ${layout.headers[layout.adjClose]}`, file, problems);
  if (hasSplitCoefficient) dropGaps(splitGaps, `empty ${layout.headers[layout.splitCoefficient]}`, file, problems);
  problems.sort((a, b) => a.line - b.line);

  if (problems.length > 0 && (options.onBadRow ?? 'error') === 'error') throw new DataValidationError(file, problems);
  if (layout.symbol !== -1 && wanted !== undefined && records === 0) throw new Error(`${file}: no rows for symbol ${wanted}`);
  const symbols = collectSymbols(bySymbol, layout.descending);
  if (symbols.size === 0) throw new Error(`${file}: no valid data rows`);
  return { file, layout: layout.name, hasAdjClose, hasSplitCoefficient, symbols, records, skippedRows: problems.length, problems };
}

function requireSymbol(text: string, file: string): string {
  const symbol = normaliseSymbol(text);
  if (symbol === null) throw new Error(`${file}: "${text}" is not a usable symbol`);
  return symbol;
}

function dropGaps(gaps: readonly OptionalGap[], reason: string, file: string, problems: DataProblem[]): void {
  for (const gap of gaps) {
    gap.target.rows[gap.index] = null;
    problems.push({ file, line: gap.line, reason });
  }
}

function collectSymbols(bySymbol: Map<string, SymbolRows>, descending: boolean): Map<string, PriceRow[]> {
  const symbols = new Map<string, PriceRow[]>();
  for (const [symbol, { rows }] of bySymbol) {
    const kept = rows.filter((row): row is PriceRow => row !== null);
    if (descending) kept.reverse();
    if (kept.length > 0) symbols.set(symbol, kept);
  }
  return symbols;
}
