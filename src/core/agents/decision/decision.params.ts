import { z } from 'zod';

const perStyle = (aggressive: number, balanced: number, conservative: number) =>
  z.object({ aggressive: z.number(), balanced: z.number(), conservative: z.number() }).strict().default({ aggressive, balanced, conservative });

/** Parameters of the decision agent (strategy file: `params.decision`). */
export const DecisionParams = z
  .object({
    /** Weights of the signals in the fused score (renormalised over the signals available). */
    weights: z
      .object({ news: z.number().nonnegative(), report: z.number().nonnegative(), forecast: z.number().nonnegative() })
      .strict()
      .default({ news: 0.25, report: 0.2, forecast: 0.55 }),
    /** Fused score needed to buy when flat, per style. */
    buyThreshold: perStyle(0.05, 0.1, 0.2),
    /** Negative fused score (absolute value) needed to sell a long, per style. */
    sellThreshold: perStyle(0.2, 0.12, 0.08),
  })
  .strict();
export type DecisionParams = z.infer<typeof DecisionParams>;
