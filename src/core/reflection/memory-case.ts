import { Provenance } from '../agents/agent';
import { Action } from '../agents/decision/decision.types';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { Style } from '../agents/style/style.types';
import { ForecastLabelValue } from './outcome-labels';

/**
 * The decision label: the reward of every action the decision agent could take in that state
 * (and of the one it took) from the same state, null for the others, and which was best.
 */
export interface DecisionLabelValue {
  rewards: Record<Action, number | null>;
  /** The best of the actions with a reward. */
  best: Action;
  chosen: Action;
  /** reward(best) − reward(chosen) ≥ 0. */
  regret: number;
  /** The stock's own return over the outcome horizon. */
  benchmarkReturn: number;
}

/**
 * One remembered decision step of the reflective agents: the shared market state, what the
 * forecasting, style and decision agents said, their labelled outcomes, and when the outcome
 * became known. A case carries its source run and the provenance of its inputs; persistent
 * memories add a checksum of the content, so a case that fails validation is never retrieved.
 */
export interface MemoryCase {
  id: string;
  /** The run that produced the case ('' until the run is stored). */
  sourceRun: string;
  symbol: string;
  /** Decision instant, epoch ms UTC. */
  decidedAt: number;
  /** When the labels became known (the outcome bar's close), epoch ms UTC. */
  knownAt: number;
  /** Normalised state features (the forecaster's feature vector). */
  features: number[];
  forecast: { label: ForecastLabel; pUp: number; pDown: number; pSideways: number; outcome: ForecastLabelValue };
  style: { style: Style };
  decision: {
    action: Action;
    score: number;
    signals: { news: number | null; report: number | null; forecast: number };
    outcome: DecisionLabelValue;
  };
  provenance: Provenance[];
  /** Content checksum, set when the case is written to a store ('' before). */
  checksum: string;
}

/**
 * A case's provenance as lists to be read one after the other: a run hands over each agent's
 * list as it is (lists shared between decisions), so a memory keeps no joined copy per case.
 */
export type ProvenanceParts = ReadonlyArray<readonly Provenance[]>;

/** The id of a case a run labels: its symbol and decision instant. */
export function runCaseId(symbol: string, decidedAt: number): string {
  return `${symbol}:${decidedAt}`;
}
