import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from '../artifacts/number-ascii';
import { jsonForScript } from './report-format';
import type { ChartPayload } from './report-view.model';

const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const NULL = [110, 117, 108, 108];

/**
 * The chart payload as the bytes of `jsonForScript` of it with its series as plain arrays: the
 * series (typed arrays, several thousand numbers each) are written as ASCII straight into one
 * buffer, the number text of `String(n)` and `null` for NaN and ±Infinity as `JSON.stringify`
 * writes them; every other field is `jsonForScript` of its value. No string of the whole and no
 * copy of a series is made.
 */
export function chartPayloadJson(chart: ChartPayload): Buffer {
  const fields = Object.entries(chart).filter(([, value]) => value !== undefined && typeof value !== 'function');
  const texts = fields.map(([, value]) => (isSeries(value) ? null : jsonForScript(value)));
  let size = 2;
  fields.forEach(([key, value], k) => {
    size += JSON.stringify(key).length + 2;
    size += isSeries(value) ? 2 + value.length * (NUMBER_ASCII_MAX_BYTES + 1) : Buffer.byteLength(texts[k]!, 'utf8');
  });
  const out = Buffer.allocUnsafe(size);
  let at = out.write('{', 0, 'latin1');
  fields.forEach(([key, value], k) => {
    if (k > 0) out[at++] = COMMA;
    // The keys are the payload's own identifiers: nothing to escape.
    at += out.write(`${JSON.stringify(key)}:`, at, 'latin1');
    if (isSeries(value)) at = writeSeries(out, at, value);
    else at += out.write(texts[k]!, at, 'utf8');
  });
  at += out.write('}', at, 'latin1');
  return out.subarray(0, at);
}

function isSeries(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Values looked at to tell a series of short decimals from one of 16 or 17 digits. */
const SAMPLED_VALUES = 64;
/** A plain array of doubles reused for `JSON.stringify`, which writes long numbers faster than `String` does. */
const scratch: number[] = [];

/**
 * Writes a series as a JSON array. Prices, positions, flags and times are short decimals, which
 * `writeNumberAscii` writes from their digits; equity, benchmark and drawdowns have 16 or 17
 * digits, which `JSON.stringify` of the series writes faster than a `String` per number (no
 * string per number is made). Both write exactly what `JSON.stringify` writes.
 */
function writeSeries(out: Buffer, at: number, series: ArrayLike<number>): number {
  if (hasLongNumbers(series)) {
    scratch.length = series.length;
    for (let i = 0; i < series.length; i++) scratch[i] = series[i];
    // The array keeps its room: the series of a report have the same length.
    return at + out.write(JSON.stringify(scratch), at, 'latin1');
  }
  out[at++] = OPEN;
  for (let i = 0; i < series.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const v = series[i];
    if (Number.isFinite(v)) at = writeNumberAscii(out, at, v);
    else for (const b of NULL) out[at++] = b;
  }
  out[at++] = CLOSE;
  return at;
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
