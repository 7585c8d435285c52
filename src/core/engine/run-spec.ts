import { z } from 'zod';
import { parseIsoDay } from '../market/dates';
import { StrategyConfig } from '../strategies/strategy-config';

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(parseIsoDay(s)), 'not a calendar date');

const Commission = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per-share'), perShare: z.number().nonnegative(), min: z.number().nonnegative(), maxPct: z.number().positive() }).strict(),
  z.object({ kind: z.literal('percent'), rate: z.number().nonnegative() }).strict(),
  z.object({ kind: z.literal('fixed'), amount: z.number().nonnegative() }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
]);

/** Engine settings a run may override on top of its profile. */
export const EngineOverrides = z
  .object({
    initialCash: z.number().positive(),
    fillAt: z.enum(['next-open', 'close']),
    commission: Commission,
    slippageBps: z.number().nonnegative(),
    allowShort: z.boolean(),
    shortModel: z.enum(['margin', 'cash-secured']),
    shortMarginRate: z.number().positive(),
    onInsufficientCash: z.enum(['resize', 'reject']),
    precheckAtSignalPrice: z.boolean(),
    closeAtEnd: z.boolean(),
  })
  .partial()
  .strict();
export type EngineOverrides = z.infer<typeof EngineOverrides>;

/**
 * Everything that defines one backtest: shared by the CLI, the REST API and workers, and
 * stored (resolved) in the run's manifest so the run can be replayed.
 */
export const RunSpec = z
  .object({
    strategy: StrategyConfig,
    symbol: z.string().min(1),
    from: IsoDay,
    to: IsoDay,
    profile: z.enum(['default', 'finsaber']).default('default'),
    mode: z.enum(['analytic', 'llm']).default('analytic'),
    adjust: z.enum(['none', 'splits', 'total', 'auto']).optional(),
    engine: EngineOverrides.default({}),
    riskFreeRate: z.number().min(-1).max(1).default(0.03),
    seed: z.number().int().default(0),
  })
  .strict()
  .refine((s) => s.from <= s.to, { message: 'from must not be after to', path: ['from'] });
export type RunSpec = z.infer<typeof RunSpec>;
export type RunSpecInput = z.input<typeof RunSpec>;
