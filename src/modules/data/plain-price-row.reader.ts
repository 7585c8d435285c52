import { MAX_PLAUSIBLE_PRICE, MIN_PLAUSIBLE_PRICE } from './bar.validator';
import type { PriceLayout } from './price-layout';

/*
 * The common row of a price file read straight from its bytes: ASCII, the header's number of
 * fields, a plain `YYYY-MM-DD` date and plain decimals of at most 15 digits that break no rule.
 * Such a row is read to the very values `readPriceFields` gives for its text (the same digit by
 * digit date and `parseDecimal`'s exact division), and no rule would list a reason for it.
 * An empty adjusted close or split coefficient (a stored dataset has them empty when its source
 * had none) is read as the text way reads it: NaN in its slot, which the caller tells apart.
 * Anything else (any other blank, a space, an exponent, a long mantissa, a bad value) is
 * declined and read as text, where every rule is checked and every reason worded.
 */

const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const ASCII_END = 0x80;
const MAX_DIGITS = 15;
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What each field of a layout holds, as the slot of its value (see {@link plainRowKinds}). */
const DATE = 0;
const VOLUME = 5;
const ADJ_CLOSE = 6;
const SPLIT = 7;
const SYMBOL = 8;
const OTHER = 9;

/** The slot of each field of `layout`: 0 date, 1–4 open, high, low, close, 5 volume, 6 adjusted close, 7 split, 8 symbol. */
export function plainRowKinds(layout: PriceLayout): Int8Array {
  const kinds = new Int8Array(layout.fieldCount).fill(OTHER);
  const slots = [layout.date, layout.open, layout.high, layout.low, layout.close, layout.volume, layout.adjClose, layout.splitCoefficient, layout.symbol];
  slots.forEach((field, slot) => {
    if (field !== -1) kinds[field] = slot;
  });
  return kinds;
}

/**
 * Reads a row from `bytes[start, end)` (a line without its line end) in one pass, each field as
 * it comes: `kinds` is {@link plainRowKinds} of the file's layout, and the values go to
 * `values` by slot (the symbol's field, if any, as its offsets in slots 8 and 9 of `values`).
 * False (with `values` in any state) when the row is not a plain good one and must be read as
 * text. A layout's own columns besides those (none today) make every row go the text way.
 */
export function readPlainPriceRow(bytes: Uint8Array, start: number, end: number, kinds: Int8Array, values: Float64Array): boolean {
  const fields = kinds.length;
  let at = start;
  values[ADJ_CLOSE] = NaN;
  values[SPLIT] = 1;
  for (let k = 0; k < fields; k++) {
    const kind = kinds[k];
    let stop: number;
    if (kind === DATE) {
      stop = at + 10;
      if (stop > end) return false;
      const time = plainDay(bytes, at);
      if (time === -1) return false;
      values[DATE] = time;
    } else if (kind === SYMBOL) {
      stop = at;
      while (stop < end && bytes[stop] !== COMMA) {
        if (bytes[stop] >= ASCII_END) return false;
        stop++;
      }
      values[SYMBOL] = at;
      values[SYMBOL + 1] = stop;
    } else if (kind === OTHER) {
      return false;
    } else if ((kind === ADJ_CLOSE || kind === SPLIT) && (at === end || bytes[at] === COMMA)) {
      stop = at;
      values[kind] = NaN;
    } else {
      // parseDecimal of the field's text: an optional minus, 1 to 15 digits and at most one dot.
      let i = at;
      const negative = i < end && bytes[i] === MINUS;
      if (negative) i++;
      let mantissa = 0;
      let digits = 0;
      let dot = -1;
      for (; i < end; i++) {
        const b = bytes[i];
        const d = b - ZERO;
        if (d >= 0 && d <= 9) {
          mantissa = mantissa * 10 + d;
          digits++;
        } else if (b === DOT && dot === -1) {
          dot = i;
        } else if (b === COMMA) {
          break;
        } else {
          return false;
        }
      }
      if (digits === 0 || digits > MAX_DIGITS) return false;
      stop = i;
      const scale = dot === -1 ? 0 : stop - dot - 1;
      const value = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
      values[kind] = negative ? -value : value;
    }
    // The field ends at a comma, the last one at the end of the line.
    if (k < fields - 1 ? stop >= end || bytes[stop] !== COMMA : stop !== end) return false;
    at = stop + 1;
  }
  const open = values[1];
  const high = values[2];
  const low = values[3];
  const close = values[4];
  // Every rule of `readPriceFields` passes: prices positive and plausible, open and close within
  // [low, high], volume not negative, adjusted close and split coefficient positive.
  if (!(plausible(open) && plausible(high) && plausible(low) && plausible(close) && values[VOLUME] >= 0)) return false;
  if (!(low <= high && open >= low && open <= high && close >= low && close <= high)) return false;
  // Without their columns they stay NaN and 1 (set above); empty, they are NaN.
  return !(values[ADJ_CLOSE] <= 0) && !(values[SPLIT] <= 0);
}

function plausible(price: number): boolean {
  return price >= MIN_PLAUSIBLE_PRICE && price <= MAX_PLAUSIBLE_PRICE;
}

/** The time of a plain `YYYY-MM-DD` at `from` of a real day in years 100..9999 (as `parseDay` reads it), or -1. */
function plainDay(bytes: Uint8Array, from: number): number {
  if (bytes[from + 4] !== MINUS || bytes[from + 7] !== MINUS) return -1;
  const y = number(bytes, from, from + 4);
  const m = number(bytes, from + 5, from + 7);
  const d = number(bytes, from + 8, from + 10);
  if (y < 100 || m < 1 || m > 12 || d < 1) return -1;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])) return -1;
  // Rows run day by day: the month's first day is usually the last row's (whole days, exact).
  if (y !== lastYear || m !== lastMonth) {
    lastYear = y;
    lastMonth = m;
    lastMonthStart = Date.UTC(y, m - 1, 1);
  }
  return lastMonthStart + (d - 1) * DAY_MS;
}

const DAY_MS = 86_400_000;
let lastYear = -1;
let lastMonth = -1;
let lastMonthStart = 0;

function number(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i] - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
