import { isoDay, parseIsoDay } from '../../src/core/market/dates';
import { DateOrderCheck, MAX_PLAUSIBLE_DAILY_MOVE, MAX_PLAUSIBLE_PRICE, MIN_PLAUSIBLE_PRICE } from '../../src/modules/data/bar.validator';
import { forEachCsvRecord } from '../../src/modules/data/csv-records.parser';
import { DataValidationError } from '../../src/modules/data/data-validation.error';
import { parseDecimal } from '../../src/modules/data/decimal.parser';
import type { PriceCsvOptions } from '../../src/modules/data/price-csv.loader';
import { detectPriceLayout, PriceLayout } from '../../src/modules/data/price-layout';
import type { DataProblem, PriceLayoutName, PriceRow } from '../../src/modules/data/price-row';
import { normaliseSymbol } from '../../src/modules/data/symbol-name';

/*
 * The reference the columnar price loader (src/modules/data/price-csv.loader.ts) is checked
 * against: the same validation written row by row, each row an object, as simply as it reads.
 * The columnar loader must give exactly these rows, problems and errors for any file.
 */

/** What the row-by-row parser returns: {@link ParsedPriceCsv} with each symbol's rows as objects. */
export interface ParsedPriceRows {
  file: string;
  layout: PriceLayoutName;
  hasAdjClose: boolean;
  hasSplitCoefficient: boolean;
  symbols: Map<string, PriceRow[]>;
  records: number;
  skippedRows: number;
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
 * The row-by-row parser: every row an object. Parses and validates a price CSV text of any supported layout (see price-layout.ts).
 * Alpha Vantage files (newest first) come out ascending. Throws on an unrecognised header, on a
 * file without data rows, and (policy 'error') with all problems at once.
 */
export function parsePriceCsvByRows(text: string, options: PriceCsvOptions): ParsedPriceRows {
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

/** A row read from its fields, with every rule it breaks (`reasons` is null for a good row). */
interface RowReading {
  row: PriceRow;
  reasons: string[] | null;
  /** The optional columns were present in the header but empty in this row. */
  adjCloseEmpty: boolean;
  splitEmpty: boolean;
}


const PLAUSIBLE_RANGE = '1e-6..1e7';

function parseDay(text: string, cache: Map<string, number>): number {
  let time = cache.get(text);
  if (time !== undefined) return time;
  const trimmed = text.trim();
  const day = trimmed.length === 19 && trimmed.endsWith(' 00:00:00') ? trimmed.slice(0, 10) : trimmed;
  time = parseIsoDay(day);
  cache.set(text, time);
  return time;
}

/**
 * Reads one record's date, prices, volume and optional columns, and lists every field rule it
 * breaks: empty or non-numeric fields, bad dates, non-positive prices, prices outside
 * [{@link MIN_PLAUSIBLE_PRICE}, {@link MAX_PLAUSIBLE_PRICE}], high < low, open or close outside
 * [low, high], negative volume, non-positive adjusted close or split coefficient.
 * Runs once per row of files with hundreds of thousands of rows, hence no per-row closures.
 */
function readPriceFields(fields: readonly string[], layout: PriceLayout, days: Map<string, number>): RowReading {
  const reasons: string[] = [];
  const dateText = fields[layout.date];
  const time = isBlank(dateText) ? NaN : parseDay(dateText, days);
  if (isBlank(dateText)) reasons.push(`empty ${layout.headers[layout.date]}`);
  else if (Number.isNaN(time)) reasons.push(`bad date "${dateText}" (expected YYYY-MM-DD)`);

  const open = readNumber(fields, layout.open, layout, reasons);
  const high = readNumber(fields, layout.high, layout, reasons);
  const low = readNumber(fields, layout.low, layout, reasons);
  const close = readNumber(fields, layout.close, layout, reasons);
  const volume = readNumber(fields, layout.volume, layout, reasons);
  // Each on its own: a sum of huge prices overflows to Infinity.
  if (Number.isFinite(open) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(close)) checkPrices(open, high, low, close, reasons);
  if (volume < 0) reasons.push(`negative volume ${volume}`);

  const adjCloseEmpty = layout.adjClose !== -1 && isBlank(fields[layout.adjClose]);
  let adjClose = NaN;
  if (layout.adjClose !== -1 && !adjCloseEmpty) {
    adjClose = readNumber(fields, layout.adjClose, layout, reasons);
    if (adjClose <= 0) reasons.push(`non-positive ${layout.headers[layout.adjClose]} ${adjClose}`);
  }
  const splitEmpty = layout.splitCoefficient !== -1 && isBlank(fields[layout.splitCoefficient]);
  let splitCoefficient = 1;
  if (layout.splitCoefficient !== -1 && !splitEmpty) {
    splitCoefficient = readNumber(fields, layout.splitCoefficient, layout, reasons);
    if (splitCoefficient <= 0) reasons.push(`non-positive ${layout.headers[layout.splitCoefficient]} ${splitCoefficient}`);
  }
  return {
    row: { time, open, high, low, close, adjClose, volume, splitCoefficient },
    reasons: reasons.length === 0 ? null : reasons,
    adjCloseEmpty,
    splitEmpty,
  };
}

function isBlank(text: string): boolean {
  return text.length === 0 || text.trim().length === 0;
}

function readNumber(fields: readonly string[], index: number, layout: PriceLayout, reasons: string[]): number {
  const text = fields[index];
  if (isBlank(text)) {
    reasons.push(`empty ${layout.headers[index]}`);
    return NaN;
  }
  const value = parseDecimal(text);
  if (!Number.isFinite(value)) reasons.push(`non-numeric ${layout.headers[index]} "${text}"`);
  return value;
}

function checkPrices(open: number, high: number, low: number, close: number, reasons: string[]): void {
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) {
    if (open <= 0) reasons.push(`non-positive open ${open}`);
    if (high <= 0) reasons.push(`non-positive high ${high}`);
    if (low <= 0) reasons.push(`non-positive low ${low}`);
    if (close <= 0) reasons.push(`non-positive close ${close}`);
    return;
  }
  const implausible = [['open', open], ['high', high], ['low', low], ['close', close]].filter(([, v]) => (v as number) < MIN_PLAUSIBLE_PRICE || (v as number) > MAX_PLAUSIBLE_PRICE);
  if (implausible.length > 0) {
    for (const [name, v] of implausible) reasons.push(`implausible ${name} ${v} (outside ${PLAUSIBLE_RANGE})`);
    return;
  }
  if (high < low) {
    reasons.push(`high ${high} < low ${low}`);
    return;
  }
  if (open < low || open > high) reasons.push(`open ${open} outside [low ${low}, high ${high}]`);
  if (close < low || close > high) reasons.push(`close ${close} outside [low ${low}, high ${high}]`);
}

/**
 * Refuses a close that moved more than {@link MAX_PLAUSIBLE_DAILY_MOVE} times (up or down) from
 * one symbol's previous accepted row: on the adjusted closes when the file has them, else on the
 * closes with the split coefficient applied. Rows come in the file's order (`descending` for
 * newest-first files).
 */
class DailyMoveCheck {
  private last: { row: RowReading['row']; line: number } | null = null;

  constructor(private readonly descending: boolean) {}

  /** Accepts the row and returns null, or returns why its move from the previous row is implausible. */
  accept(row: RowReading['row'], line: number): string | null {
    const last = this.last;
    if (last !== null) {
      const [earlier, later] = this.descending ? [row, last.row] : [last.row, row];
      const adjusted = Number.isFinite(earlier.adjClose) && Number.isFinite(later.adjClose);
      const move = adjusted ? later.adjClose / earlier.adjClose : (later.close * later.splitCoefficient) / earlier.close;
      if (move > MAX_PLAUSIBLE_DAILY_MOVE || move < 1 / MAX_PLAUSIBLE_DAILY_MOVE) {
        const what = adjusted ? 'adjusted close' : 'close';
        const [now, before] = adjusted ? [row.adjClose, last.row.adjClose] : [row.close, last.row.close];
        const factor = move >= 1 ? `${move.toFixed(1)}×` : `1/${(1 / move).toFixed(1)}`;
        return `implausible move: ${what} ${now} against ${before} on line ${last.line} is a one-day change of ${factor} (more than ${MAX_PLAUSIBLE_DAILY_MOVE}× either way)`;
      }
    }
    this.last = { row, line };
    return null;
  }
}
