import { ConflictException, Injectable } from '@nestjs/common';
import { EngineOverrides } from '../../core/engine/run-spec';
import { BarRow } from '../../core/market/bar-series';
import { isoDay, parseIsoDay } from '../../core/market/dates';
import { NYSE_CALENDAR } from '../../core/market/session-clock';
import { PaperSessionSpec, parseFeed } from '../../core/paper/paper-spec';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { StrategyConfig } from '../../core/strategies/strategy-config';
import { InputError, NotFoundError } from '../backtests/input.error';
import { loadMarketInputs } from '../backtests/market-inputs.loader';
import { DataService } from '../data/data.service';
import { LlmOptionsInput, llmOptionsFrom } from '../llm/llm-options';
import { loadPrompts } from '../llm/prompt-files';
import { MemoryRepository } from '../persistence/memory.repository';
import { PaperRepository, PaperSessionRecord, PaperStatus } from '../persistence/paper';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { alpacaSettings } from './alpaca-settings';
import { FeedError } from './feeds/feed-error';
import { FeedFactory } from './feeds/feed.factory';
import { usableBars } from './fresh-bars';
import { newSessionId } from './session-id';
import { SleeveRunner } from './sleeve-runner.service';
import { PinnedInputs } from './stored-sleeves';
import { cronProblem, nextTickAfter } from './tick-times';

/** A session to start, as the CLI and the REST API give it. */
export interface PaperStartRequest {
  strategy: StrategyConfig;
  /** Default: the dataset of a `replay:<dataset>` feed. */
  symbols?: string[];
  cash?: number;
  feed: string;
  broker?: string;
  /** Exactly one of `cron` (with an optional time zone) and `tickEveryMs`. */
  cron?: string;
  timeZone?: string;
  tickEveryMs?: number;
  from?: string;
  to?: string;
  mode?: 'analytic' | 'llm';
  llm?: LlmOptionsInput;
  adjust?: 'none' | 'splits' | 'total' | 'auto';
  engine?: EngineOverrides;
  riskFreeRate?: number;
  maxFailures?: number;
  staleAfterDays?: number;
  /** Names the news may use for the symbols (strategies with agents). */
  aliases?: string[];
}

/**
 * Starts paper sessions and answers what is asked about them. Starting validates everything a
 * backtest of each symbol would (strategy, parameters, llm options), reads the warm-up history
 * from the feed and fixes the inputs the strategy reads besides bars and news; the session is
 * then stored as `active`, and whichever process runs sessions (`serve`, `paper run`) ticks it.
 */
@Injectable()
export class PaperSessionsService {
  constructor(
    private readonly repo: PaperRepository,
    private readonly feeds: FeedFactory,
    private readonly sleeves: SleeveRunner,
    private readonly data: DataService,
    private readonly memories: MemoryRepository,
  ) {}

  async start(request: PaperStartRequest): Promise<PaperSessionRecord> {
    const spec = this.validate(request);
    const feed = this.feeds.create(spec);
    const now = Date.now();
    const warmUp: Record<string, BarRow[]> = {};
    let firstBar: number | null = null;
    for (const symbol of spec.symbols) {
      try {
        warmUp[symbol] = usableBars(symbol, await feed.history(symbol), null, feed.live, now, NYSE_CALENDAR);
      } catch (e) {
        throw new FeedError(`feed ${feed.name}: the warm-up history of ${symbol} could not be read: ${(e as Error).message}`);
      }
      if (!feed.live) {
        const first = (await feed.barsAfter(symbol, -Infinity))[0];
        const last = await feed.lastBar(symbol);
        if (!first || last === null) throw new InputError(`from: no ${symbol} bars from ${spec.from}${spec.to ? ` to ${spec.to}` : ''}`, 'from');
        firstBar = firstBar === null ? first.time : Math.min(firstBar, first.time);
      }
    }
    const inputs: Record<string, object> = {};
    for (const symbol of spec.symbols) inputs[symbol] = await this.pinInputs(spec, symbol, request.aliases ?? [], feed.newsNote);
    const record = await this.repo.createSession({
      id: newSessionId(spec.strategy.name, spec.symbols),
      strategy: spec.strategy.name,
      symbols: spec.symbols,
      feed: spec.feed,
      broker: spec.broker,
      mode: spec.mode,
      spec,
      firstBarTime: firstBar,
      nextTickAt: new Date(nextTickAfter(spec.schedule, now)).toISOString(),
      warmUp,
      inputs,
    });
    return record;
  }

  /** A request as a session spec; an InputError names the first bad field. */
  validate(request: PaperStartRequest): PaperSessionSpec {
    const asked = parseFeed(request.feed);
    const symbols = request.symbols ?? (asked?.kind === 'replay' && asked.dataset !== null ? [asked.dataset] : undefined);
    if (request.cron !== undefined && request.tickEveryMs !== undefined) throw new InputError('cron: give a cron schedule or tickEvery, not both', 'cron');
    if (request.cron === undefined && request.tickEveryMs === undefined) throw new InputError('cron: a session needs a schedule: cron (e.g. "5 16 * * 1-5") or tickEvery (e.g. 1s)', 'cron');
    if (request.cron !== undefined) {
      const problem = cronProblem(request.cron, request.timeZone ?? 'America/New_York');
      if (problem) {
        const field = request.timeZone !== undefined && problem.includes(`"${request.timeZone}"`) ? 'timeZone' : 'cron';
        throw new InputError(`${field}: ${problem}`, field);
      }
    }
    const schedule = request.cron !== undefined ? { kind: 'cron' as const, expression: request.cron, ...(request.timeZone && { timeZone: request.timeZone }) } : { kind: 'every' as const, ms: request.tickEveryMs! };
    const mode = request.mode ?? 'analytic';
    const parsed = PaperSessionSpec.safeParse({
      strategy: request.strategy,
      symbols,
      ...(request.cash !== undefined && { cash: request.cash }),
      feed: request.feed,
      ...(request.broker !== undefined && { broker: request.broker }),
      schedule,
      ...(request.from !== undefined && { from: request.from }),
      ...(request.to !== undefined && { to: request.to }),
      mode,
      ...(mode === 'llm' && { llm: llmOptionsFrom(request.llm) }),
      ...(request.adjust !== undefined && { adjust: request.adjust }),
      ...(request.engine !== undefined && { engine: request.engine }),
      ...(request.riskFreeRate !== undefined && { riskFreeRate: request.riskFreeRate }),
      ...(request.maxFailures !== undefined && { maxFailures: request.maxFailures }),
      ...(request.staleAfterDays !== undefined && { staleAfterDays: request.staleAfterDays }),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.map(String).join('.') || 'body';
      throw new InputError(`${field}: ${issue.message}`, field);
    }
    const spec = parsed.data;
    const feed = parseFeed(spec.feed)!;
    // A folder is kept as an absolute path: the process that runs the session may start elsewhere.
    if (feed.kind === 'csv-dir') {
      const dir = resolve(feed.dir);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`feed: no folder ${dir}`, 'feed');
      spec.feed = `csv-dir:${dir}`;
    }
    if (feed.kind === 'alpaca' || spec.broker === 'alpaca') {
      const settings = alpacaSettings();
      if (typeof settings === 'string') throw new InputError(`${feed.kind === 'alpaca' ? 'feed' : 'broker'}: ${settings}`, feed.kind === 'alpaca' ? 'feed' : 'broker');
    }
    if (feed.kind === 'replay') {
      const known = new Set(this.data.list().map((d) => d.symbol));
      for (const symbol of spec.symbols) {
        const dataset = (parseFeed(spec.feed) as { dataset: string | null }).dataset ?? symbol;
        if (!known.has(dataset)) throw new InputError(`symbols: no dataset ${dataset} to replay (import it with "tradinggroup data import"; see "tradinggroup data list")`, 'symbols');
      }
    }
    // Each sleeve must be a valid backtest (strategy parameters, llm options).
    const day = spec.from ?? isoDay(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    for (const symbol of spec.symbols) this.sleeves.resolve(spec, symbol, parseIsoDay(day), parseIsoDay(spec.to ?? day));
    return spec;
  }

  async list(statuses?: readonly PaperStatus[]): Promise<PaperSessionRecord[]> {
    return this.repo.listSessions(statuses);
  }

  async get(id: string): Promise<PaperSessionRecord> {
    const s = await this.repo.getSession(id);
    if (!s) throw new NotFoundError(`no paper session with id ${id} (see "tradinggroup paper list")`);
    return s;
  }

  pause(id: string): Promise<PaperSessionRecord> {
    return this.transition(id, 'paused', ['active'], 'paused by the user', 'only an active session can be paused');
  }

  resume(id: string): Promise<PaperSessionRecord> {
    return this.transition(id, 'active', ['paused'], null, 'only a paused session can be resumed');
  }

  stop(id: string): Promise<PaperSessionRecord> {
    return this.transition(id, 'stopped', ['active', 'paused'], 'stopped by the user', 'it has ended already');
  }

  private async transition(id: string, to: PaperStatus, from: PaperStatus[], reason: string | null, refusal: string): Promise<PaperSessionRecord> {
    const before = await this.get(id);
    // A resumed session's next tick is its schedule's next one from now (no catch-up of the pause).
    const nextTick = to === 'active' ? new Date(nextTickAfter(PaperSessionSpec.parse(before.spec).schedule, Date.now())).toISOString() : null;
    if (!(await this.repo.setStatus(id, to, from, reason, nextTick))) {
      const now = await this.get(id);
      throw new ConflictException(`session ${id} is ${now.status}: ${refusal}`);
    }
    return this.get(id);
  }

  /**
   * The inputs a sleeve's strategy reads besides bars and news, fixed now: earnings, filing
   * passages, aliases and the cases of a named memory as they are at the start, so that every tick
   * (and every rebuild after a restart) hands the strategy the same ones.
   */
  private async pinInputs(spec: PaperSessionSpec, symbol: string, aliases: string[], newsNote: string | null): Promise<PinnedInputs> {
    const prompts = spec.mode === 'llm' ? { prompts: loadPrompts().files } : {};
    if (!STRATEGY_KINDS[spec.strategy.kind]?.usesAgents) return { inputs: null, notes: [], ...prompts };
    const memory = namedMemoryOf(spec.strategy.params);
    const loaded = await loadMarketInputs(this.data, this.memories, { symbol, aliases, ...(memory && { memory }) });
    const { news: _news, ...rest } = loaded.inputs;
    // A feed without news says so in its own words.
    const notes = newsNote ? [...loaded.notes.filter((n) => !n.startsWith(`no news for ${symbol}`)), newsNote] : loaded.notes;
    return { inputs: rest, notes, ...prompts };
  }
}

/** The named memory a strategy reads (reflection scope `named`), or null. */
function namedMemoryOf(params: Record<string, unknown>): string | null {
  const reflection = params.reflection as { scope?: string; memory?: string } | undefined;
  if (reflection?.scope !== 'named') return null;
  if (!reflection.memory) throw new InputError('strategy.params.reflection.memory: a memory name is required when scope is named', 'strategy.params.reflection.memory');
  return reflection.memory;
}

