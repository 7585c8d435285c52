import type { FinsaberMetrics, PerformanceMetrics } from '../../core/metrics';
import { InputError } from '../backtests/input.error';
import type { RunPagePosition } from '../persistence/run-page';

// Records keyed by every metric name: the compiler refuses a missing or unknown name.
const DEFAULT_METRIC_SET: Record<keyof PerformanceMetrics, true> = {
  bars: true, finalEquity: true, totalReturn: true, annualReturn: true, sharpe: true, sortino: true, maxDrawdown: true,
  calmar: true, annualVolatility: true, winRate: true, profitFactor: true, tradeCount: true, exposure: true, turnover: true,
  avgHoldingBars: true,
};
const FINSABER_METRIC_SET: Record<keyof FinsaberMetrics, true> = { spr: true, cr: true, mdd: true, av: true, annualReturn: true };

/** The default metric names, in table order. */
export const DEFAULT_METRICS = Object.keys(DEFAULT_METRIC_SET) as Array<keyof PerformanceMetrics>;
/** FINSABER's metric names. */
export const FINSABER_METRICS = Object.keys(FINSABER_METRIC_SET) as Array<keyof FinsaberMetrics>;

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
