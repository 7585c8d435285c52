import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from '../artifacts/number-ascii';
import { jsonForScript } from './report-format';
import type { ChartPayload } from './report-view.model';

const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const NULL = [110, 117, 108, 108];

/**
 * The chart payload as pieces in order (text, or ASCII bytes) whose concatenation is the bytes
 * of `jsonForScript` of it with its series as plain arrays: the series (typed arrays, up to a
 * hundred thousand numbers each) are written without a string per number, with the number text
 * of `String(n)` and `null` for NaN and ±Infinity as `JSON.stringify` writes them; every other
 * field is `jsonForScript` of its value. Each piece has its own size: a long run's payload is
 * never one buffer sized for the longest numbers, and the report writes the pieces as they are.
 */
export function chartPayloadPieces(chart: ChartPayload): Array<string | Buffer> {
  const fields = Object.entries(chart).filter(([, value]) => value !== undefined && typeof value !== 'function');
  const longest = Math.max(0, ...fields.map(([, value]) => (isSeries(value) ? value.length : 0)));
  // Short numbers are written into one scratch buffer and copied out at their own size.
  const scratchBytes = Buffer.allocUnsafe(2 + longest * (NUMBER_ASCII_MAX_BYTES + 1));
  const pieces: Array<string | Buffer> = [];
  fields.forEach(([key, value], k) => {
    // The keys are the payload's own identifiers: nothing to escape.
    pieces.push(`${k === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    pieces.push(isSeries(value) ? seriesJson(scratchBytes, value) : jsonForScript(value));
  });
  pieces.push(fields.length === 0 ? '{}' : '}');
  return pieces;
}

function isSeries(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Values looked at to tell a series of short decimals from one of 16 or 17 digits. */
const SAMPLED_VALUES = 64;
/** A plain array of doubles reused for `JSON.stringify`, which writes long numbers faster than `String` does. */
const longNumbers: number[] = [];

/**
 * A series as a JSON array. Prices, positions, flags and times are short decimals, which
 * `writeNumberAscii` writes from their digits into `scratch`; equity, benchmark and drawdowns
 * have 16 or 17 digits, which `JSON.stringify` of the series writes faster than a `String` per
 * number (no string per number is made). Both write exactly what `JSON.stringify` writes.
 */
function seriesJson(scratch: Buffer, series: ArrayLike<number>): Buffer {
  if (hasLongNumbers(series)) {
    longNumbers.length = series.length;
    for (let i = 0; i < series.length; i++) longNumbers[i] = series[i];
    // The array keeps its room: the series of a report have the same length. The text is ASCII.
    return Buffer.from(JSON.stringify(longNumbers), 'latin1');
  }
  let at = 0;
  scratch[at++] = OPEN;
  for (let i = 0; i < series.length; i++) {
    if (i > 0) scratch[at++] = COMMA;
    const v = series[i];
    if (Number.isFinite(v)) at = writeNumberAscii(scratch, at, v);
    else for (const b of NULL) scratch[at++] = b;
  }
  scratch[at++] = CLOSE;
  return Buffer.from(scratch.subarray(0, at));
}

/** Whether a sample of the series has a number that is not a decimal of at most 8 places. */
function hasLongNumbers(series: ArrayLike<number>): boolean {
  const step = Math.max(1, Math.floor(series.length / SAMPLED_VALUES));
  for (let i = 0; i < series.length; i += step) {
    const v = series[i];
    if (Number.isFinite(v) && Math.round(v * 1e8) / 1e8 !== v) return true;
  }
  return false;
}
