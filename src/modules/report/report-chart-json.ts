import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from '../artifacts/number-ascii';
import type { RecordList } from '../../core/engine/record-list';
import { jsonForScript } from './report-format';
import type { ChartPayload } from './report-view.model';

const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const NULL = [110, 117, 108, 108];

/** Items of a long array (a long run's trade markers) written to JSON at a time. */
const ITEMS_PER_PIECE = 2_048;

/**
 * The chart payload as pieces in order (text, or ASCII bytes) whose concatenation is the bytes
 * of `jsonForScript` of it with its series as plain arrays: the series (typed arrays, up to a
 * hundred thousand numbers each) are written without a string per number, with the number text
 * of `String(n)` and `null` for NaN and ±Infinity as `JSON.stringify` writes them; every other
 * field is `jsonForScript` of its value, a long array (the markers) a few thousand items at a
 * time. Made as they are taken: a long run's payload (20 MB for a million bars) is never whole
 * in memory. A series' bytes are written into one buffer, refilled for the next: a piece is
 * only valid until the next one is taken.
 */
export function* chartPayloadPieces(chart: ChartPayload): Generator<string | Uint8Array> {
  const fields = Object.entries(chart).filter(([, value]) => value !== undefined && typeof value !== 'function');
  const longest = Math.max(0, ...fields.map(([, value]) => (isSeries(value) ? value.length : 0)));
  const scratch = Buffer.allocUnsafe(2 + longest * (NUMBER_ASCII_MAX_BYTES + 1));
  for (let k = 0; k < fields.length; k++) {
    const [key, value] = fields[k];
    // The keys are the payload's own identifiers: nothing to escape.
    yield `${k === 0 ? '{' : ','}${JSON.stringify(key)}:`;
    if (isSeries(value)) yield seriesJson(scratch, value);
    else if (Array.isArray(value) ? value.length > ITEMS_PER_PIECE : isRecordList(value)) yield* listJson(value as RecordList<unknown>);
    else yield jsonForScript(value);
  }
  yield fields.length === 0 ? '{}' : '}';
}

/**
 * `jsonForScript` of a list as an array, a few thousand items at a time (a list made as it is
 * read, such as a long run's markers, makes only those): the same text (its escapes are of
 * single characters).
 */
function* listJson(items: RecordList<unknown>): Generator<string> {
  yield '[';
  for (let from = 0; from < items.length; from += ITEMS_PER_PIECE) {
    const batch: unknown[] = [];
    for (let i = from; i < Math.min(items.length, from + ITEMS_PER_PIECE); i++) batch.push(items.at(i));
    yield `${from === 0 ? '' : ','}${jsonForScript(batch).slice(1, -1)}`;
  }
  yield ']';
}

/** A list read by index that is not an array (see RecordList). */
function isRecordList(value: unknown): value is RecordList<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as RecordList<unknown>).at === 'function' && typeof (value as RecordList<unknown>).length === 'number';
}

function isSeries(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/**
 * A series as a JSON array, each number written from its digits into `scratch` (prices,
 * positions, flags and times are short decimals; equity, benchmark and drawdowns have 16 or 17
 * digits): exactly what `JSON.stringify` writes, without a string per number. A view of
 * `scratch`, valid until it is written again.
 */
function seriesJson(scratch: Buffer, series: ArrayLike<number>): Uint8Array {
  let at = 0;
  scratch[at++] = OPEN;
  for (let i = 0; i < series.length; i++) {
    if (i > 0) scratch[at++] = COMMA;
    const v = series[i];
    if (Number.isFinite(v)) at = writeNumberAscii(scratch, at, v);
    else for (const b of NULL) scratch[at++] = b;
  }
  scratch[at++] = CLOSE;
  return scratch.subarray(0, at);
}
