import { z } from 'zod';

const perStyle = (aggressive: number, balanced: number, conservative: number) =>
  z.object({ aggressive: z.number().positive(), balanced: z.number().positive(), conservative: z.number().positive() }).strict().default({ aggressive, balanced, conservative });

/** Dynamic stop-loss / take-profit (strategy file: `params.risk`). */
export const RiskParams = z
  .object({
    /** Bars of daily returns in σ (the paper's σ10). */
    sigmaWindow: z.number().int().min(2).default(10),
    /** T_SL = stopMultiplier(style) · σ. */
    stopMultiplier: perStyle(3, 2.5, 2),
    /** T_TP = takeProfitMultiplier(style) · σ. */
    takeProfitMultiplier: perStyle(6, 5, 4),
    /**
     * `fixed-at-entry`: thresholds set with the entry's style and σ, measured from the entry price.
     * `trailing`: thresholds recomputed each bar, the stop measured from the highest close since entry.
     */
    thresholds: z.enum(['fixed-at-entry', 'trailing']).default('fixed-at-entry'),
    /** `close`: checked at the decision (forced sell at the next open); `intrabar`: stop orders at the levels. */
    check: z.enum(['close', 'intrabar']).default('close'),
  })
  .strict();
export type RiskParams = z.infer<typeof RiskParams>;

/** Share of cash a BUY uses, per style (strategy file: `params.sizing`). */
export const SizingParams = z
  .object({
    aggressive: z.number().gt(0).lte(1).default(1),
    balanced: z.number().gt(0).lte(1).default(0.75),
    conservative: z.number().gt(0).lte(1).default(0.5),
    /** With position control off, every BUY uses this share of cash. */
    fixed: z.number().gt(0).lte(1).default(0.95),
  })
  .strict();
export type SizingParams = z.infer<typeof SizingParams>;
