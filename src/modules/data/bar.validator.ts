import { isoDay, parseIsoDay } from '../../core/market/dates';
import { parseDecimal } from './decimal.parser';
import type { PriceLayout } from './price-layout';
import type { PriceRow } from './price-row';

/**
 * A row read from its fields, with every rule it breaks (`reasons` is null for a good row). One
 * reading is reused for every row of a file: its values are valid until the next row is read.
 */
export interface RowReading {
  row: PriceRow;
  reasons: string[] | null;
  /** The optional columns were present in the header but empty in this row. */
  adjCloseEmpty: boolean;
  splitEmpty: boolean;
}

const ZERO_TIME = ' 00:00:00';

/**
 * Bounds of a plausible price: no traded instrument is quoted outside them, and a value there is a
 * defect of the file (a unit or parsing error, a placeholder such as 1e308).
 */
export const MIN_PLAUSIBLE_PRICE = 1e-6;
export const MAX_PLAUSIBLE_PRICE = 1e7;
const PLAUSIBLE_RANGE = '1e-6..1e7';
/** A close more than this many times the previous close, or less than its inverse, splits accounted for, is refused. */
export const MAX_PLAUSIBLE_DAILY_MOVE = 20;

/** Dates memoised by {@link parseDay}: a long file's distinct dates fit; a file of a million distinct days does not need them. */
const MEMO_DAYS = 65_536;

/**
 * Parses `YYYY-MM-DD` or `YYYY-MM-DD 00:00:00` to epoch ms at 00:00 UTC (NaN otherwise).
 * Long files repeat the same few thousand dates, so results are memoised in `cache` (up to
 * {@link MEMO_DAYS} of them: past that, a file's dates are mostly distinct and a larger map
 * would only cost memory and collections).
 */
export function parseDay(text: string, cache: Map<string, number>): number {
  if (text.length === 10) {
    const time = plainDay(text);
    if (time !== -1) return time;
  }
  let time = cache.get(text);
  if (time !== undefined) return time;
  const trimmed = text.trim();
  const day = trimmed.length === 19 && trimmed.endsWith(ZERO_TIME) ? trimmed.slice(0, 10) : trimmed;
  time = parseIsoDay(day);
  if (cache.size < MEMO_DAYS) cache.set(text, time);
  return time;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A plain `YYYY-MM-DD` of a real day in years 100..9999 read digit by digit (what
 * {@link parseIsoDay} gives for it, without a regular expression and a Date per row), or -1
 * for anything else, which takes the general path.
 */
function plainDay(text: string): number {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 100 || m < 1 || m > 12 || d < 1) return -1;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return -1;
  return Date.UTC(y, m - 1, d);
}

/** The decimal number written by text[from, to), or -1 if a character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** A reading to pass to {@link readPriceFields} for a file's rows. */
export function newRowReading(): RowReading {
  return {
    row: { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, adjClose: NaN, volume: NaN, splitCoefficient: 1 },
    reasons: null,
    adjCloseEmpty: false,
    splitEmpty: false,
  };
}

/**
 * Reads one record's date, prices, volume and optional columns, and lists every field rule it
 * breaks: empty or non-numeric fields, bad dates, non-positive prices, prices outside
 * [{@link MIN_PLAUSIBLE_PRICE}, {@link MAX_PLAUSIBLE_PRICE}], high < low, open or close outside
 * [low, high], negative volume, non-positive adjusted close or split coefficient.
 * Runs once per row of files with a million rows, hence no per-row closures or objects: the
 * values go into `into` (see {@link newRowReading}), which is returned.
 */
export function readPriceFields(fields: readonly string[], layout: PriceLayout, days: Map<string, number>, into: RowReading): RowReading {
  const reasons = into.reasons ?? [];
  reasons.length = 0;
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
  const row = into.row;
  row.time = time;
  row.open = open;
  row.high = high;
  row.low = low;
  row.close = close;
  row.adjClose = adjClose;
  row.volume = volume;
  row.splitCoefficient = splitCoefficient;
  into.reasons = reasons.length === 0 ? null : reasons;
  into.adjCloseEmpty = adjCloseEmpty;
  into.splitEmpty = splitEmpty;
  return into;
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

function plausible(price: number): boolean {
  return price >= MIN_PLAUSIBLE_PRICE && price <= MAX_PLAUSIBLE_PRICE;
}

function checkPrices(open: number, high: number, low: number, close: number, reasons: string[]): void {
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) {
    if (open <= 0) reasons.push(`non-positive open ${open}`);
    if (high <= 0) reasons.push(`non-positive high ${high}`);
    if (low <= 0) reasons.push(`non-positive low ${low}`);
    if (close <= 0) reasons.push(`non-positive close ${close}`);
    return;
  }
  if (plausible(open) && plausible(high) && plausible(low) && plausible(close)) {
    if (high < low) {
      reasons.push(`high ${high} < low ${low}`);
      return;
    }
    if (open < low || open > high) reasons.push(`open ${open} outside [low ${low}, high ${high}]`);
    if (close < low || close > high) reasons.push(`close ${close} outside [low ${low}, high ${high}]`);
    return;
  }
  const implausible = [['open', open], ['high', high], ['low', low], ['close', close]].filter(([, v]) => (v as number) < MIN_PLAUSIBLE_PRICE || (v as number) > MAX_PLAUSIBLE_PRICE);
  for (const [name, v] of implausible) reasons.push(`implausible ${name} ${v} (outside ${PLAUSIBLE_RANGE})`);
}

/**
 * Checks that one symbol's dates are strictly monotonic in the file's direction (ascending, or
 * descending for the Alpha Vantage layout). Rows are compared with the last *accepted* row, so
 * dropping every flagged row always leaves a sorted series without duplicates.
 */
export class DateOrderCheck {
  // The accepted dates, monotonic in the file's direction, and their lines: a date that is not
  // past the last one is looked up by bisection (no map of every date of a long file).
  private times: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private lines: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private count = 0;

  constructor(private readonly descending: boolean) {}

  /** Accepts the date and returns null, or returns why it breaks the order. */
  accept(time: number, line: number): string | null {
    const n = this.count;
    if (n > 0) {
      const last = this.times[n - 1];
      const past = this.descending ? time < last : time > last;
      if (!past) {
        const first = this.lineOf(time);
        if (first !== -1) return `duplicate date ${isoDay(time)} (first on line ${first})`;
        return `date ${isoDay(time)} out of order (after ${isoDay(last)} on line ${this.lines[n - 1]})`;
      }
    }
    if (n === this.times.length) {
      this.times = grown(this.times);
      this.lines = grown(this.lines);
    }
    this.times[n] = time;
    this.lines[n] = line;
    this.count = n + 1;
    return null;
  }

  /** The line of an accepted date equal to `time`, or -1. */
  private lineOf(time: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.times[mid];
      if (t === time) return this.lines[mid];
      if (this.descending ? t > time : t < time) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function grown(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Refuses a close that moved more than {@link MAX_PLAUSIBLE_DAILY_MOVE} times (up or down) from
 * one symbol's previous accepted row: on the adjusted closes when the file has them, else on the
 * closes with the split coefficient applied. Rows come in the file's order (`descending` for
 * newest-first files).
 */
export class DailyMoveCheck {
  // The previous accepted row's values (the reading it came in is reused for the next row).
  private lastLine = -1;
  private lastClose = NaN;
  private lastAdjClose = NaN;
  private lastSplit = 1;

  constructor(private readonly descending: boolean) {}

  /** Accepts the row and returns null, or returns why its move from the previous row is implausible. */
  accept(row: RowReading['row'], line: number): string | null {
    if (this.lastLine !== -1) {
      // No pair made per row: a million-row file would allocate a million of them.
      const earlierAdj = this.descending ? row.adjClose : this.lastAdjClose;
      const laterAdj = this.descending ? this.lastAdjClose : row.adjClose;
      const adjusted = Number.isFinite(earlierAdj) && Number.isFinite(laterAdj);
      const move = adjusted
        ? laterAdj / earlierAdj
        : this.descending
          ? (this.lastClose * this.lastSplit) / row.close
          : (row.close * row.splitCoefficient) / this.lastClose;
      if (move > MAX_PLAUSIBLE_DAILY_MOVE || move < 1 / MAX_PLAUSIBLE_DAILY_MOVE) {
        const what = adjusted ? 'adjusted close' : 'close';
        const [now, before] = adjusted ? [row.adjClose, this.lastAdjClose] : [row.close, this.lastClose];
        const factor = move >= 1 ? `${move.toFixed(1)}×` : `1/${(1 / move).toFixed(1)}`;
        return `implausible move: ${what} ${now} against ${before} on line ${this.lastLine} is a one-day change of ${factor} (more than ${MAX_PLAUSIBLE_DAILY_MOVE}× either way)`;
      }
    }
    this.lastLine = line;
    this.lastClose = row.close;
    this.lastAdjClose = row.adjClose;
    this.lastSplit = row.splitCoefficient;
    return null;
  }
}
