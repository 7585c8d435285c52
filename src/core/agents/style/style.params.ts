import { z } from 'zod';

/** Parameters of the style agent (strategy file: `params.style`). */
export const StyleParams = z
  .object({
    /** Drawdown (negative fraction) at or below which the style is conservative. */
    conservativeDrawdown: z.number().max(0).default(-0.08),
    /** Volatility ratio (short σ / long σ) at or above which the style is conservative. */
    conservativeVolatilityRatio: z.number().positive().default(1.5),
    /** Recent equity return at or below which the style is conservative. */
    conservativeRecentReturn: z.number().default(-0.03),
    /** Unrealised return of the open position at or below which the style is conservative. */
    conservativeOpenLoss: z.number().max(0).default(-0.05),
    /** Aggressive needs a recent return at or above this, a shallow drawdown and calm volatility. */
    aggressiveRecentReturn: z.number().default(0.02),
    aggressiveMaxDrawdown: z.number().max(0).default(-0.03),
    aggressiveVolatilityRatio: z.number().positive().default(1.0),
    /** Bars of the recent-return window and of the short and long volatility windows. */
    recentWindow: z.number().int().positive().default(10),
    shortVolatilityWindow: z.number().int().min(2).default(10),
    longVolatilityWindow: z.number().int().min(3).default(60),
  })
  .strict();
export type StyleParams = z.infer<typeof StyleParams>;
