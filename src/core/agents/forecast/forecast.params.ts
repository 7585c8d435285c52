import { z } from 'zod';

/** Parameters of the forecasting agent (strategy file: `params.forecast`). */
export const ForecastParams = z
  .object({
    /** RSI level above which a move without a valid breakout is called sideways. */
    rsiOverbought: z.number().min(50).max(100).default(70),
    /** Smallest P(up) for an `up` label; below it the label is sideways. */
    upThreshold: z.number().min(0).max(1).default(0.4),
    /** ε = max(epsilonAlpha · mean |log r| over 20 days, epsilonMin): moves within ±ε are sideways. */
    epsilonAlpha: z.number().positive().default(0.5),
    epsilonMin: z.number().nonnegative().default(0.002),
    /** SGD step and L2 shrinkage of the online softmax model. */
    learningRate: z.number().positive().default(0.05),
    l2: z.number().nonnegative().default(0.001),
    /** Before this many labelled examples the agent reports class frequencies (flag `warmup`). */
    minTrainingSamples: z.number().int().nonnegative().default(60),
  })
  .strict();
export type ForecastParams = z.infer<typeof ForecastParams>;
