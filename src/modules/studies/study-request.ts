import { EngineOverrides } from '../../core/engine/run-spec';
import { StudyMetric } from '../../core/studies/study-metric';
import type { RunOptions } from '../cli/commands/run-options';

/**
 * The run settings every run of a study shares, as `backtest` takes them: a study's run with
 * the same settings, engine overrides and `--param`s is the same run as a single `backtest`.
 */
export type StudyRunOptions = Pick<RunOptions, 'from' | 'to' | 'profile' | 'adjust' | 'riskFree' | 'param' | 'aliases'> & {
  /** The run spec's engine settings over the profile's (those of `POST /backtests`' `engine`). */
  engine?: EngineOverrides;
};

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
