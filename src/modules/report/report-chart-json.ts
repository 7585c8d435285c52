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
  // Each series is written into one scratch buffer and copied out at its own size.
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

/**
 * A series as a JSON array, each number written from its digits into `scratch` (prices,
 * positions, flags and times are short decimals; equity, benchmark and drawdowns have 16 or 17
 * digits): exactly what `JSON.stringify` writes, without a string per number.
 */
function seriesJson(scratch: Buffer, series: ArrayLike<number>): Buffer {
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
