import { RunMetrics } from '../engine/execute-backtest';
import { GridPoint } from './parameter-grid';
import { ReturnMoments } from './return-moments';

/**
 * Where a run sits in a study: a plain run of a sweep or an evaluation, or (walk-forward) a run
 * on a fold's training window or on its test window.
 */
export type StudyPhase = 'run' | 'train' | 'test';

/** One run of a study as it is stored: what was run, and what it measured. */
export interface StudyResult {
  /** Position in the study's plan (stable: the same study gives the same indices). */
  index: number;
  strategy: string;
  symbol: string;
  /** The grid point (a sweep) or {} (an evaluation, which runs each strategy's own parameters). */
  params: GridPoint;
  from: string;
  to: string;
  phase: StudyPhase;
  /** The walk-forward fold, else null. */
  fold: number | null;
  metrics: RunMetrics;
  returns: ReturnMoments;
  /** What the run noted (missing inputs, warm-ups, a wiped-out account), as a single backtest shows them; mostly none. */
  notes: string[];
  /** A full stored run of the same spec (equity, trades, trace, artifacts), when one was kept. */
  runId: string | null;
}
