import { z } from 'zod';
import { EngineOverrides, LlmRunOptions } from '../engine/run-spec';
import { parseIsoDay } from '../market/dates';
import { StrategyConfig } from '../strategies/strategy-config';

/** Where a session's bars (and news) come from. */
export type FeedSpec =
  /** Stored bars, one per tick: of the dataset named, or of each symbol's own dataset. */
  | { kind: 'replay'; dataset: string | null }
  /** Rows appended to per-symbol CSV files in a folder. */
  | { kind: 'csv-dir'; dir: string }
  /** Yahoo's public chart endpoint, daily bars. */
  | { kind: 'yahoo' }
  /** Alpaca's market-data API, daily bars. */
  | { kind: 'alpaca' };

export const FEED_FORMS = 'replay, replay:<dataset>, csv-dir:<folder>, yahoo or alpaca';

/** Parses `replay`, `replay:AAPL`, `csv-dir:./bars`, `yahoo`, `alpaca`; null for anything else. */
export function parseFeed(text: string): FeedSpec | null {
  if (text === 'replay') return { kind: 'replay', dataset: null };
  if (text === 'yahoo') return { kind: 'yahoo' };
  if (text === 'alpaca') return { kind: 'alpaca' };
  const m = /^(replay|csv-dir):(.+)$/.exec(text);
  if (!m) return null;
  return m[1] === 'replay' ? { kind: 'replay', dataset: m[2] } : { kind: 'csv-dir', dir: m[2] };
}

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(parseIsoDay(s)), 'not a calendar date');

const DAY_MS = 86_400_000;

/** When a session ticks: on a cron schedule (in a time zone), or every so many milliseconds. */
export const PaperSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cron'), expression: z.string().min(1).max(200), timeZone: z.string().min(1).max(64).default('America/New_York') }).strict(),
  z.object({ kind: z.literal('every'), ms: z.number().int().min(10).max(7 * DAY_MS) }).strict(),
]);
export type PaperSchedule = z.infer<typeof PaperSchedule>;

/**
 * Everything that defines a paper session, shared by the CLI and the REST API and stored with
 * the session. Each symbol is a sleeve with an equal share of `cash`, traded as a backtest of
 * that symbol with that cash would trade it.
 */
export const PaperSessionSpec = z
  .object({
    strategy: StrategyConfig,
    symbols: z.array(z.string().min(1).max(32)).min(1).max(20),
    cash: z.number().positive().max(1e12).default(100_000),
    feed: z.string().refine((f) => parseFeed(f) !== null, `a feed: ${FEED_FORMS}`),
    broker: z.enum(['sim', 'alpaca']).default('sim'),
    schedule: PaperSchedule,
    /** Replay feeds: the session's first bar (earlier bars are warm-up) and its last (default: the data's last). */
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    mode: z.enum(['analytic', 'llm']).default('analytic'),
    llm: LlmRunOptions.optional(),
    adjust: z.enum(['none', 'splits', 'total', 'auto']).optional(),
    engine: EngineOverrides.default({}),
    riskFreeRate: z.number().min(-1).max(1).default(0.03),
    seed: z.number().int().default(0),
    /** Consecutive failed ticks after which the session pauses itself. */
    maxFailures: z.number().int().min(1).max(1000).default(3),
    /** A feed whose newest bar is older than this many days is stale (a failed tick). */
    staleAfterDays: z.number().int().min(1).max(366).default(5),
  })
  .strict()
  .superRefine((s, ctx) => {
    const feed = parseFeed(s.feed);
    if (!feed) return;
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (new Set(s.symbols).size !== s.symbols.length) issue('symbols', 'a symbol is listed twice');
    if (s.engine.initialCash !== undefined) issue('engine', 'initialCash: the session\'s cash is `cash` (split equally between the symbols)');
    if (feed.kind === 'replay') {
      if (s.from === undefined) issue('from', 'a replay feed needs the first day of the session');
      if (s.from !== undefined && s.to !== undefined && s.from > s.to) issue('from', 'from must not be after to');
      if (feed.dataset !== null && (s.symbols.length !== 1 || s.symbols[0] !== feed.dataset)) {
        issue('symbols', `replay:${feed.dataset} replays one dataset: the session's symbols must be ${feed.dataset} alone`);
      }
      if (s.broker !== 'sim') issue('broker', 'a replay steps through stored bars: its orders go to the simulated broker only (sim)');
    } else {
      if (s.from !== undefined) issue('from', `a ${feed.kind} feed starts with the newest bars: a first day is for replay feeds`);
      if (s.to !== undefined) issue('to', `a ${feed.kind} feed runs until the session is stopped: a last day is for replay feeds`);
    }
    if (s.mode === 'llm' && s.llm === undefined) {
      issue('llm', 'the llm mode needs a model endpoint: set TRADINGGROUP_LLM_BASE_URL and TRADINGGROUP_LLM_MODEL (or give the endpoint and model)');
    }
  });
export type PaperSessionSpec = z.infer<typeof PaperSessionSpec>;
export type PaperSessionSpecInput = z.input<typeof PaperSessionSpec>;
