import type { BarRow } from '../../core/market/bar-series';
import { quoted } from './text-file.reader';

/**
 * One validated, unadjusted daily row as read from a price file.
 * `time` is epoch ms at 00:00 UTC; `adjClose` is NaN when the file has no adjusted close;
 * `splitCoefficient` is 1 when the file has no split column (a value c on day d means one
 * share before d became c shares on d).
 */
export interface PriceRow extends BarRow {
  adjClose: number;
  splitCoefficient: number;
}

/** Recognised header layouts of price CSV files. */
export type PriceLayoutName = 'yahoo' | 'alphavantage' | 'generic' | 'long';

/** What to do with a row that breaks a validation rule. */
export type BadRowPolicy = 'error' | 'skip';

/** How prices are adjusted when a series is built (see price.adjuster.ts). */
export type { AdjustPolicy } from '../../core/profiles/profile';

/** One validation problem, located by the 1-based physical line where its record starts. */
export interface DataProblem {
  file: string;
  line: number;
  reason: string;
}

/** Formats a problem as `<file>:<line>: <reason>`. */
export function formatProblem(problem: DataProblem): string {
  return `${problem.file}:${problem.line}: ${quoted(problem.reason, 240)}`;
}
