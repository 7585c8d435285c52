import { CommandRunner, Option } from 'nest-commander';
import { EngineOverrides } from '../../../core/engine/run-spec';
import { InputError } from '../../backtests/input.error';
import { isoDay } from './flag-values';
import { LlmOptionsInput } from '../../llm/llm-options';

/** Options shared by `backtest` and `compare`. */
export interface RunOptions {
  from?: string;
  to?: string;
  profile?: 'default' | 'finsaber';
  adjust?: 'none' | 'splits' | 'total' | 'auto';
  cash?: number;
  commission?: EngineOverrides['commission'];
  slippageBps?: number;
  fillAt?: 'next-open' | 'close';
  allowShort?: boolean;
  riskFree?: number;
  cashRate?: number;
  borrowFee?: number;
  data?: string;
  onBadRow?: 'error' | 'skip';
  param?: Record<string, unknown>;
  news?: string;
  fundamentals?: string;
  filing?: string;
  aliases?: string[];
  mode?: 'analytic' | 'llm';
  llmBaseUrl?: string;
  llmModel?: string;
  llmConcurrency?: number;
  anonymize?: boolean;
  llmMaxCalls?: number;
  llmMaxTokens?: number;
  llmMaxCost?: number;
  llmCache?: 'off' | 'reuse';
  llmTimeout?: number;
  llmRetries?: number;
  json?: boolean;
}

/** The llm options a user gave on the command line (the environment fills in the rest). */
export function llmOverrides(o: RunOptions): LlmOptionsInput | undefined {
  const l: LlmOptionsInput = {};
  if (o.llmBaseUrl !== undefined) l.baseUrl = o.llmBaseUrl;
  if (o.llmModel !== undefined) l.model = o.llmModel;
  if (o.llmConcurrency !== undefined) l.concurrency = o.llmConcurrency;
  if (o.anonymize !== undefined) l.anonymize = o.anonymize;
  if (o.llmMaxCalls !== undefined) l.maxCalls = o.llmMaxCalls;
  if (o.llmMaxTokens !== undefined) l.maxTokens = o.llmMaxTokens;
  if (o.llmMaxCost !== undefined) l.maxCostUsd = o.llmMaxCost;
  if (o.llmCache !== undefined) l.cache = o.llmCache;
  if (o.llmTimeout !== undefined) l.timeoutMs = Math.round(o.llmTimeout * 1000);
  if (o.llmRetries !== undefined) l.retries = o.llmRetries;
  return Object.keys(l).length > 0 ? l : undefined;
}

/** The engine overrides a user asked for on the command line. */
export function engineOverrides(o: RunOptions): EngineOverrides {
  const e: EngineOverrides = {};
  if (o.cash !== undefined) e.initialCash = o.cash;
  if (o.commission !== undefined) e.commission = o.commission;
  if (o.slippageBps !== undefined) e.slippageBps = o.slippageBps;
  if (o.fillAt !== undefined) e.fillAt = o.fillAt;
  if (o.allowShort !== undefined) e.allowShort = o.allowShort;
  if (o.cashRate !== undefined) e.cashRate = o.cashRate;
  if (o.borrowFee !== undefined) e.borrowFeeRate = o.borrowFee;
  return e;
}

export function parseNumber(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InputError(`${flag}: expected a number, got "${value}"`, flag);
  return n;
}

/** The value when it is one of `allowed`; otherwise an InputError naming the flag. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new InputError(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`, flag);
  return value as T;
}

/**
 * `per-share:0.0049:0.99:0.01` (per share, minimum, cap as a share of value), `percent:0.001`,
 * `fixed:1.5` or `none`.
 */
export function parseCommission(value: string): EngineOverrides['commission'] {
  const [kind, ...args] = value.split(':');
  const nums = args.map((a) => parseNumber('--commission', a));
  if (kind === 'none' && nums.length === 0) return { kind: 'none' };
  if (kind === 'percent' && nums.length === 1) return { kind: 'percent', rate: nums[0] };
  if (kind === 'fixed' && nums.length === 1) return { kind: 'fixed', amount: nums[0] };
  if (kind === 'per-share' && nums.length === 3) return { kind: 'per-share', perShare: nums[0], min: nums[1], maxPct: nums[2] };
  throw new InputError(`--commission: expected per-share:RATE:MIN:MAXPCT, percent:RATE, fixed:AMOUNT or none, got "${value}"`, '--commission');
}

/** Parses `key=value` (value as JSON when it parses, else as text) into the accumulated map. */
export function parseParam(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InputError(`--param: expected key=value, got "${value}"`, '--param');
  const key = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  return { ...previous, [key]: parsed };
}

/** `--cash-rate`: an annual rate between -1 and 1. */
export function parseCashRate(v: string): number {
  const rate = parseNumber('--cash-rate', v);
  if (rate < -1 || rate > 1) throw new InputError(`--cash-rate: expected an annual rate between -1 and 1 (0.03 is 3%), got "${v}"`, '--cash-rate');
  return rate;
}

/** `--borrow-fee`: an annual rate between 0 and 1. */
export function parseBorrowFee(v: string): number {
  const rate = parseNumber('--borrow-fee', v);
  if (rate < 0 || rate > 1) throw new InputError(`--borrow-fee: expected an annual rate between 0 and 1 (0.02 is 2%), got "${v}"`, '--borrow-fee');
  return rate;
}

/** `--aliases apple,iPhone`: lower-case names, empty ones dropped. */
export function parseAliasList(v: string): string[] {
  return v.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
}

/**
 * The engine and measurement flags every command that runs a strategy takes (`backtest`,
 * `compare`, `sweep`, `evaluate`, `paper start`), parsed in one place; `engineOverrides` turns
 * them into the run spec's engine settings. A command overrides a method to describe a flag
 * in its own terms.
 */
export abstract class EngineOptionsCommand extends CommandRunner {
  @Option({ flags: '--adjust <policy>', description: "price adjustment: none | splits | total | auto (default: the profile's)" })
  parseAdjust(v: string): string {
    return oneOf('--adjust', v, ['none', 'splits', 'total', 'auto'] as const);
  }

  @Option({ flags: '--cash <amount>', description: 'starting cash (default 100000)' })
  parseCash(v: string): number {
    return parseNumber('--cash', v);
  }

  @Option({ flags: '--commission <model>', description: 'per-share:0.0049:0.99:0.01 (default) | percent:RATE | fixed:AMOUNT | none' })
  parseCommission(v: string): EngineOverrides['commission'] {
    return parseCommission(v);
  }

  @Option({ flags: '--slippage-bps <bps>', description: 'adverse slippage on market and stop fills, in basis points (default 0)' })
  parseSlippage(v: string): number {
    return parseNumber('--slippage-bps', v);
  }

  @Option({ flags: '--fill-at <when>', description: 'next-open (default) | close' })
  parseFillAt(v: string): string {
    return oneOf('--fill-at', v, ['next-open', 'close'] as const);
  }

  @Option({ flags: '--allow-short', description: 'allow short positions (margin model, see docs/engine.md)' })
  parseAllowShort(): boolean {
    return true;
  }

  @Option({ flags: '--risk-free <rate>', description: 'annual risk-free rate for Sharpe and Sortino (default 0.03)' })
  parseRiskFree(v: string): number {
    return parseNumber('--risk-free', v);
  }

  @Option({ flags: '--cash-rate <rate>', description: 'annual rate cash earns (default: the risk-free rate; 0 in the finsaber profile)' })
  parseCashRate(v: string): number {
    return parseCashRate(v);
  }

  @Option({ flags: '--borrow-fee <rate>', description: 'annual fee on the value of an open short, charged every bar (default 0)' })
  parseBorrowFee(v: string): number {
    return parseBorrowFee(v);
  }

  @Option({ flags: '--param <key=value>', description: 'override a strategy parameter (repeatable), e.g. --param fast=5' })
  parseParam(v: string, previous?: Record<string, unknown>): Record<string, unknown> {
    return parseParam(v, previous);
  }

  @Option({ flags: '--aliases <names>', description: 'comma-separated names the news may use for the symbol, e.g. "apple,iphone"' })
  parseAliases(v: string): string[] {
    return parseAliasList(v);
  }
}

/** A command with the options shared by `backtest` and `compare` (nest-commander parsers). */
export abstract class RunOptionsCommand extends EngineOptionsCommand {
  @Option({ flags: '--from <date>', description: 'first day of the evaluation window (YYYY-MM-DD; default: first day of the data)' })
  parseFrom(v: string): string {
    return isoDay('--from', v);
  }

  @Option({ flags: '--to <date>', description: 'last day of the window (inclusive; exclusive in the finsaber profile; default: last day of the data)' })
  parseTo(v: string): string {
    return isoDay('--to', v);
  }

  @Option({ flags: '--profile <name>', description: 'default | finsaber', defaultValue: 'default' })
  parseProfile(v: string): string {
    return oneOf('--profile', v, ['default', 'finsaber'] as const);
  }

  @Option({ flags: '--data <file.csv>', description: 'run on this price file directly instead of an imported dataset' })
  parseData(v: string): string {
    return v;
  }

  @Option({ flags: '--on-bad-row <policy>', description: 'error (default): refuse a file with bad rows | skip: drop them and report the count' })
  parseOnBadRow(v: string): string {
    return oneOf('--on-bad-row', v, ['error', 'skip'] as const);
  }

  @Option({ flags: '--news <file>', description: 'news file (CSV or JSONL) for strategies with agents (default: imported news of the symbol)' })
  parseNews(v: string): string {
    return v;
  }

  @Option({ flags: '--fundamentals <file>', description: 'EPS surprise file for the financial-report agent (default: imported fundamentals)' })
  parseFundamentals(v: string): string {
    return v;
  }

  @Option({ flags: '--filing <file>', description: 'filing passages (JSONL or text, see docs/agents.md) for the financial-report agent' })
  parseFiling(v: string): string {
    return v;
  }

  @Option({ flags: '--mode <mode>', description: 'analytic (default): deterministic agents, offline | llm: agents on a language model (see docs/llm.md)' })
  parseMode(v: string): string {
    return oneOf('--mode', v, ['analytic', 'llm'] as const);
  }

  @Option({ flags: '--llm-base-url <url>', description: 'OpenAI-compatible endpoint (default: TRADINGGROUP_LLM_BASE_URL)' })
  parseLlmBaseUrl(v: string): string {
    return v;
  }

  @Option({ flags: '--llm-model <name>', description: 'the model of the agents (default: TRADINGGROUP_LLM_MODEL; per agent in the strategy file)' })
  parseLlmModel(v: string): string {
    return v;
  }

  @Option({ flags: '--llm-concurrency <n>', description: 'requests to the model in flight at once (default 4)' })
  parseLlmConcurrency(v: string): number {
    return parseNumber('--llm-concurrency', v);
  }

  @Option({ flags: '--anonymize', description: 'hide ticker, company names, dates and price level from the model' })
  parseAnonymize(): boolean {
    return true;
  }

  @Option({ flags: '--llm-max-calls <n>', description: 'stop the run (budget_exceeded) before more requests than this' })
  parseLlmMaxCalls(v: string): number {
    return parseNumber('--llm-max-calls', v);
  }

  @Option({ flags: '--llm-max-tokens <n>', description: 'stop before a request whose worst case could pass this many tokens in all' })
  parseLlmMaxTokens(v: string): number {
    return parseNumber('--llm-max-tokens', v);
  }

  @Option({ flags: '--llm-max-cost <usd>', description: 'stop before a request whose worst case could pass this cost in US dollars' })
  parseLlmMaxCost(v: string): number {
    return parseNumber('--llm-max-cost', v);
  }

  @Option({ flags: '--llm-cache <policy>', description: 'off (default) | reuse: answer identical requests from earlier runs\' records' })
  parseLlmCache(v: string): string {
    return oneOf('--llm-cache', v, ['off', 'reuse'] as const);
  }

  @Option({ flags: '--llm-timeout <seconds>', description: 'per request (default 60)' })
  parseLlmTimeout(v: string): number {
    return parseNumber('--llm-timeout', v);
  }

  @Option({ flags: '--llm-retries <n>', description: 'retries after a timeout, a 429 or a 5xx (default 4)' })
  parseLlmRetries(v: string): number {
    return parseNumber('--llm-retries', v);
  }

  @Option({ flags: '--json', description: 'print JSON for scripts instead of tables' })
  parseJson(): boolean {
    return true;
  }
}
