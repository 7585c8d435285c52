export type Style = 'aggressive' | 'balanced' | 'conservative';

/** The styles in code order (an index into this list stands for a style in typed columns). */
export const STYLES: readonly Style[] = ['aggressive', 'balanced', 'conservative'];

/** Input of the style agent: the account and the market's volatility regime at the decision. */
export interface StyleInput {
  time: number;
  drawdown: number;
  recentReturn: number;
  /** σ of daily returns over the short window / over the long window; null until the long window is full. */
  volatilityRatio: number | null;
  /** Additive score adjustments from reflection (positive leans aggressive). */
  tilt?: number;
}

export interface StyleChoice {
  style: Style;
  /** The rule that decided. */
  reason: string;
  drawdown: number;
  recentReturn: number;
  volatilityRatio: number | null;
}
