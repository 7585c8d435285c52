import { z } from 'zod';

/** Outcome labels, memory and retrieval (strategy file: `params.reflection`). */
export const ReflectionParams = z
  .object({
    /** Bars between a decision and the close its outcome is measured at. */
    horizon: z.number().int().min(1).default(1),
    /** ε = max(alpha · mean |log r| over 20 days, epsilonMin) for the forecast label. */
    alpha: z.number().positive().default(0.5),
    epsilonMin: z.number().nonnegative().default(0.002),
    /** reward_a = r_eq − beta · r_bm − gamma · c_a. */
    beta: z.number().default(0.2),
    gamma: z.number().default(1.0),
    /** Recency window of the experience summary, in trading days (the paper's 20). */
    recentDays: z.number().int().positive().default(20),
    /** Similar past states retrieved beyond the recency window (0 turns it off). */
    similarK: z.number().int().nonnegative().default(5),
    /** How strongly the summary adjusts the agents (0 = summaries are recorded but not used). */
    strength: z.number().min(0).max(1).default(0.5),
    /** Minimum cases before a summary adjusts anything. */
    minCases: z.number().int().nonnegative().default(5),
    /** `run`: the run's own cases; `named`: also a persistent memory shared across runs. */
    scope: z.enum(['run', 'named']).default('run'),
    /** Name of the persistent memory when scope is `named`. */
    memory: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional(),
  })
  .strict();
export type ReflectionParams = z.infer<typeof ReflectionParams>;
