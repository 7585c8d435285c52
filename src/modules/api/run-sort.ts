import { InputError } from '../backtests/input.error';
import type { RunPagePosition } from '../persistence/run-page';
import { DEFAULT_METRIC_NAMES, FINSABER_METRIC_NAMES } from '../persistence/run-sort-columns';

/** The default metric names, in table order. */
export const DEFAULT_METRICS = DEFAULT_METRIC_NAMES;
/** FINSABER's metric names. */
export const FINSABER_METRICS = FINSABER_METRIC_NAMES;

/**
 * Accepted `sort` values of `GET /backtests`: `createdAt`, `metrics.default.<name>`,
 * `metrics.finsaber.<name>`, and a bare default metric name as a short form.
 */
export const SORT_KEYS: readonly string[] = [
  'createdAt',
  ...DEFAULT_METRICS.map((m) => `metrics.default.${m}`),
  ...FINSABER_METRICS.map((m) => `metrics.finsaber.${m}`),
  ...DEFAULT_METRICS,
];

/** The repository's sort key of an accepted `sort` value. */
export function canonicalSort(sort: string | undefined): string {
  if (!sort) return 'createdAt';
  return (DEFAULT_METRICS as string[]).includes(sort) ? `metrics.default.${sort}` : sort;
}

interface CursorContent {
  s: string;
  o: 'asc' | 'desc';
  v: string | number | null;
  i: string;
}

/** An opaque cursor: where a page ended, for the sort and order it was made with. */
export function encodeCursor(sort: string, order: 'asc' | 'desc', position: RunPagePosition): string {
  const content: CursorContent = { s: sort, o: order, v: position.value, i: position.id };
  return Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
}

/** The position in a cursor; a 400 naming `cursor` when it is malformed or made for another sort or order. */
export function decodeCursor(cursor: string, sort: string, order: 'asc' | 'desc'): RunPagePosition {
  let content: Partial<CursorContent>;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorContent>;
  } catch {
    throw new InputError('cursor: not a cursor from a previous page', 'cursor');
  }
  const valueOk = content.v === null || typeof content.v === 'string' || typeof content.v === 'number';
  if (typeof content !== 'object' || content === null || typeof content.i !== 'string' || !valueOk) {
    throw new InputError('cursor: not a cursor from a previous page', 'cursor');
  }
  if (content.s !== sort || content.o !== order) {
    throw new InputError(`cursor: made for sort=${content.s}&order=${content.o}, not sort=${sort}&order=${order}`, 'cursor');
  }
  return { value: content.v as string | number | null, id: content.i };
}
