import { StudyMetric } from '../../core/studies/study-metric';
import type { RunOptions } from '../cli/commands/run-options';

/**
 * The run settings every run of a study shares, as `backtest` takes them on the command line:
 * a study's run with the same settings and `--param`s is the same run as a single `backtest`.
 */
export type StudyRunOptions = Pick<
  RunOptions,
  'from' | 'to' | 'profile' | 'adjust' | 'cash' | 'commission' | 'slippageBps' | 'fillAt' | 'allowShort' | 'riskFree' | 'param' | 'aliases'
>;

/** A parameter sweep: one strategy, a grid of its parameters, several symbols. */
export interface SweepRequest extends StudyRunOptions {
  strategy: string;
  /** `fast=5..20:5,slow=20..60:10` (see parseParameterGrid). */
  grid: string;
  symbols: string[];
  /** The metric results are ranked by (default sharpe) and the order (default desc: higher first). */
  metric?: StudyMetric;
  order?: 'desc' | 'asc';
  /** How many of the best runs are stored in full (equity, trades, trace, artifacts); default 3. */
  keepBest?: number;
  /** Walk-forward: choose the parameters on `train`, test them on the `test` span after it, roll by `test`. */
  walkForward?: { train: string; test: string };
}

/** An evaluation over rolling windows: several strategies on several symbols, FINSABER-style. */
export interface EvaluationRequest extends StudyRunOptions {
  strategies: string[];
  symbols: string[];
  /** Window length and step, e.g. `2y` and `1y`. */
  window: string;
  step: string;
  /** The metric summarised (default sharpe). */
  metric?: StudyMetric;
  /** The strategy every other is compared with on the same symbol and window (default buy-and-hold; run when not listed). */
  benchmark?: string;
  /** Bootstrap seed and resamples (default 0 and 10,000). */
  seed?: number;
  resamples?: number;
}

/** How a study reports its advance: runs measured out of the total. */
export type StudyProgress = (completed: number, total: number) => void;
