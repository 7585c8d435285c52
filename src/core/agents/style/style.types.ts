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
  /** Signed shares held at the decision. */
  position: number;
  /** Unrealised return of the open position, close / average entry price − 1 (0 when flat). */
  unrealizedReturn: number;
  /** Additive score adjustments from reflection (positive leans aggressive). */
  tilt?: number;
}

/**
 * The rules that can decide the style, in code order ('none': no rule fired, the style is
 * balanced; 'model': a language model chose it, and the reason is the model's).
 */
export const STYLE_RULES = ['none', 'drawdown', 'volatility', 'recent loss', 'calm gains', 'model', 'open loss'] as const;
export type StyleRule = (typeof STYLE_RULES)[number];

export interface StyleChoice {
  style: Style;
  /** The rule that decided. */
  rule: StyleRule;
  /** The rule that decided, with the number that made it fire ({@link styleReason}). */
  reason: string;
  drawdown: number;
  recentReturn: number;
  volatilityRatio: number | null;
  /** The position and its unrealised return, as the agent read them. */
  position: number;
  unrealizedReturn: number;
}
