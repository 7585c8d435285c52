import { z } from 'zod';

/**
 * A strategy file (strategies/<name>.json): which kind of strategy, and every one of its
 * parameters. Missing parameters take the kind's documented defaults.
 */
export const StrategyConfig = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    kind: z.string().min(1),
    description: z.string().default(''),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type StrategyConfig = z.infer<typeof StrategyConfig>;
