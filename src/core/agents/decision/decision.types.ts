import { Style } from '../style/style.types';

export type Action = 'BUY' | 'SELL' | 'HOLD';

/** The actions in code order (an index into this list stands for an action in typed columns). */
export const ACTIONS: readonly Action[] = ['BUY', 'SELL', 'HOLD'];

/** One signal entering the fusion: its value in [-1, 1], weight and reliability. */
export interface SignalContribution {
  source: 'news' | 'report' | 'forecast';
  value: number;
  weight: number;
  /**
   * What the signal counts for of its weight, in [0, 1]: the forecast's measured skill so far
   * (its Brier skill score against the class frequencies, 0 without skill); 1 for the others.
   */
  reliability: number;
  /** False when the source had no data or is switched off: its weight is left out. */
  used: boolean;
}

/** Input of the decision agent: the other agents' signals, the style and the position. */
export interface DecisionInput {
  time: number;
  style: Style;
  /** Signed shares held. */
  position: number;
  news: { value: number; available: boolean } | null;
  report: { value: number; available: boolean } | null;
  /** P(up) − P(down) (0 for a sideways call), the label, and the forecasts' Brier skill score so far (below 0: none). */
  forecast: { value: number; label: 'up' | 'down' | 'sideways'; skill: number };
  /** Additive adjustments to the source weights from reflection. */
  weightAdjustments?: Partial<Record<SignalContribution['source'], number>>;
}

export interface Decision {
  action: Action;
  /** Signed shares held when deciding (the state the thresholds were chosen for). */
  position: number;
  /** |fused score| mapped to [0, 1]. */
  confidence: number;
  /** Weighted mean of the used signals, in [-1, 1]. */
  score: number;
  threshold: number;
  /** The style whose threshold applied. */
  style: Style;
  contributions: SignalContribution[];
}
