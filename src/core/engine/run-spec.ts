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
    maintenanceMarginRate: z.number().min(0).max(1),
    borrowFeeRate: z.number().min(0).max(1),
    stopAtZeroEquity: z.boolean(),
    onInsufficientCash: z.enum(['resize', 'reject']),
    precheckAtSignalPrice: z.boolean(),
    closeAtEnd: z.boolean(),
    cashRate: z.number().min(-1).max(1),
  })
  .partial()
  .strict();
export type EngineOverrides = z.infer<typeof EngineOverrides>;

/**
 * How an llm-mode run reaches its model and what it may spend. The API key is never part of it
 * (it comes from the environment only), so a spec can be stored and shown.
 */
export const LlmRunOptions = z
  .object({
    /** An OpenAI-compatible endpoint, e.g. `http://127.0.0.1:11434/v1`. */
    baseUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL')
      .refine((u) => !/^https?:\/\/[^/]*@/.test(u), 'no credentials in the URL (set TRADINGGROUP_LLM_API_KEY)'),
    /** The model of every agent the strategy file does not give its own. */
    model: z.string().min(1).max(200),
    /** Requests in flight at once. */
    concurrency: z.number().int().min(1).max(64).default(4),
    /** Hide the ticker, names, dates and price level from the model (the contamination guard). */
    anonymize: z.boolean().default(false),
    /** Budgets: the run stops (`budget_exceeded`) before a request that could exceed one. */
    maxCalls: z.number().int().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
    /** `reuse`: identical requests recorded by earlier runs are answered from their record. */
    cache: z.enum(['off', 'reuse']).default('off'),
    /** Per request, in milliseconds. */
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
    /** Retries of a request after a timeout, a 429 or a 5xx. */
    retries: z.number().int().min(0).max(10).default(4),
  })
  .strict();
export type LlmRunOptions = z.infer<typeof LlmRunOptions>;

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
    llm: LlmRunOptions.optional(),
  })
  .strict()
  .refine((s) => s.from <= s.to, { message: 'from must not be after to', path: ['from'] })
  .refine((s) => s.mode !== 'llm' || s.llm !== undefined, {
    message: 'the llm mode needs a model endpoint: set TRADINGGROUP_LLM_BASE_URL and TRADINGGROUP_LLM_MODEL (or --llm-base-url and --llm-model)',
    path: ['llm'],
  });
export type RunSpec = z.infer<typeof RunSpec>;
export type RunSpecInput = z.input<typeof RunSpec>;
