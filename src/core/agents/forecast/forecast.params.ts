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
    /** The step is learningRate / √(1 + examples / learningRateDecay). */
    learningRateDecay: z.number().positive().default(250),
    /** The model's inputs (volatility-scaled features) are clipped to ±featureClip. */
    featureClip: z.number().positive().default(4),
    /**
     * Walk-forward calibration: the model's probabilities are first recalibrated by decile (the
     * share of its past calls in the same decile that came true, smoothed by `prior`
     * pseudo-calls towards what it said); the forecast is then (1 − w)·base rates + w·model, w on a grid of
     * `steps` from 0 to 1, the candidate whose Brier improvement over the base rates (decaying
     * with `halfLife` examples) is largest among those at least `z` standard errors above zero
     * after `minSamples` effective examples; otherwise the base rates.
     */
    calibration: z
      .object({
        steps: z.number().int().min(1).max(100).default(10),
        halfLife: z.number().positive().default(250),
        z: z.number().nonnegative().default(2),
        minSamples: z.number().nonnegative().default(60),
        prior: z.number().positive().default(20),
      })
      .strict()
      .default({}),
    /** Before this many labelled examples the agent reports class frequencies (flag `warmup`). */
    minTrainingSamples: z.number().int().nonnegative().default(60),
  })
  .strict();
export type ForecastParams = z.infer<typeof ForecastParams>;
