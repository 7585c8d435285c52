import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { BarRow } from '../../core/market/bar-series';
import { isoDay } from '../../core/market/dates';
import type { NewsItem } from '../../core/market/news';
import { NYSE_CALENDAR, SessionCalendar } from '../../core/market/session-clock';
import { PaperSessionSpec } from '../../core/paper/paper-spec';
import { SessionDivergedError, SleeveEndedError, SleeveStep, sleeveStep } from '../../core/paper/sleeve-step';
import { MarketFeed } from '../../core/ports/market-feed.port';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { BudgetExceededError } from '../llm/llm-budget';
import { PaperNewsRow, PaperRepository, PaperSessionRecord } from '../persistence/paper';
import { FeedError } from './feeds/feed-error';
import { FeedFactory } from './feeds/feed.factory';
import { closeOf, staleness, usableBars } from './fresh-bars';
import { faultPoint } from './paper-fault';
import { OrderRouter } from './brokers/order-router.service';
import { SleeveRunner } from './sleeve-runner.service';
import { loadSleeves, marketInputsOf, StoredSleeve } from './stored-sleeves';

/** What one tick did. */
export interface TickReport {
  outcome: 'processed' | 'idle' | 'skipped' | 'failed' | 'inactive';
  /** Bar dates processed, oldest first. */
  processed: string[];
  note: string | null;
}

/**
 * One tick of a session: asks the feed for the newest closed bars and the news since, runs every
 * sleeve through the paper kernel for each new bar in order, and stores each bar in one
 * transaction keyed by (session, bar time), then sends the bar's orders to an external broker.
 *
 * Ticks of a session never overlap in this process: a tick that comes while the previous one
 * runs is recorded as skipped. Across processes, one process holds a session at a time (see
 * PaperScheduler), and the conditional write of each bar makes a second attempt store nothing.
 * A feed that fails leaves the session active and the tick skipped with the reason; after the
 * session's `maxFailures` consecutive failures it pauses itself and says why.
 */
@Injectable()
export class PaperTicker {
  private readonly busy = new Set<string>();

  constructor(
    private readonly repo: PaperRepository,
    private readonly feeds: FeedFactory,
    private readonly sleeves: SleeveRunner,
    private readonly router: OrderRouter,
  ) {}

  /** True while a tick of the session runs in this process. */
  running(id: string): boolean {
    return this.busy.has(id);
  }

  async tick(id: string, signal?: AbortSignal): Promise<TickReport> {
    if (this.busy.has(id)) {
      const note = 'the previous tick was still running';
      await this.repo.recordTick(id, 'skipped', null, note);
      return { outcome: 'skipped', processed: [], note };
    }
    this.busy.add(id);
    try {
      return await this.run(id, signal);
    } finally {
      this.busy.delete(id);
    }
  }

  private async run(id: string, signal?: AbortSignal): Promise<TickReport> {
    const session = await this.repo.getSession(id);
    if (!session || session.status !== 'active') return { outcome: 'inactive', processed: [], note: null };
    const spec = PaperSessionSpec.parse(session.spec);
    const external = spec.broker !== 'sim';
    // Orders a previous tick stored but did not get to send (the process ended in between) go first.
    if (external) {
      await this.router.sendUnsent(session);
      await this.router.refresh(session);
    }
    let feed: MarketFeed;
    try {
      feed = this.feeds.create(spec);
    } catch (e) {
      if (!(e instanceof FeedError)) throw e;
      return this.skip(session, spec, `feed ${spec.feed}: ${e.message}`);
    }
    const calendar = calendarOf(spec);
    const stored = await loadSleeves(this.repo, id, spec.symbols);
    const now = Date.now();
    let fresh: Map<string, BarRow[]>;
    try {
      fresh = await this.poll(feed, spec, stored, now, calendar, signal);
    } catch (e) {
      if (!(e instanceof FeedError)) throw e;
      return this.skip(session, spec, `feed ${feed.name}: ${e.message}`);
    }
    const dates = processable(feed, fresh, stored);
    if (dates.length === 0) {
      const note = feed.live ? 'no new closed bar' : 'no bar left to replay';
      await this.repo.recordTick(id, 'idle', null, note, { failures: 0 });
      return { outcome: 'idle', processed: [], note };
    }
    const lastBar = feed.live ? null : await lastBarOf(feed, spec.symbols);
    const equity = new Map((await this.repo.positions(id)).map((p) => [p.symbol, p.equity]));
    const processed: string[] = [];
    for (const date of dates) {
      let steps: BarStep;
      try {
        steps = await this.process(session, spec, feed, stored, fresh, date, date === lastBar, calendar, signal);
      } catch (e) {
        return this.failed(session, spec, processed, e as Error);
      }
      faultPoint('decided');
      for (const s of steps.sleeves) equity.set(s.symbol, s.equity.equity);
      const saved = await this.repo.saveStep({
        sessionId: id,
        time: date,
        processedAt: new Date().toISOString(),
        bars: steps.bars,
        news: steps.news,
        sleeves: steps.sleeves,
        clientOrderIds: spec.broker === 'sim' ? null : clientOrderIds(id, date, steps.sleeves),
        equity: [...equity.values()].reduce((a, b) => a + b, 0),
        final: date === lastBar,
      });
      // Stored by another process meanwhile, or the session was paused or stopped: nothing more to do here.
      if (!saved) break;
      faultPoint('saved');
      absorb(stored, steps);
      processed.push(isoDay(date));
      if (external) {
        const unsent = await this.router.sendUnsent(session);
        if (unsent) await this.repo.recordTick(id, 'processed', date, unsent);
      }
    }
    return { outcome: processed.length > 0 ? 'processed' : 'inactive', processed, note: null };
  }

  /** Every symbol's new closed bars, checked. */
  private async poll(feed: MarketFeed, spec: PaperSessionSpec, stored: Map<string, StoredSleeve>, now: number, calendar: SessionCalendar, signal?: AbortSignal): Promise<Map<string, BarRow[]>> {
    const fresh = new Map<string, BarRow[]>();
    for (const symbol of spec.symbols) {
      const rows = stored.get(symbol)!.rows;
      const newest = rows.length > 0 ? rows[rows.length - 1].time : null;
      let answer: BarRow[];
      try {
        answer = await feed.barsAfter(symbol, newest ?? -Infinity, signal);
      } catch (e) {
        if (e instanceof FeedError) throw e;
        throw new FeedError((e as Error).message);
      }
      const bars = usableBars(symbol, answer, newest, feed.live, now, calendar);
      if (feed.live) {
        const stale = staleness(symbol, bars.length > 0 ? bars[bars.length - 1].time : newest, now, spec.staleAfterDays, calendar);
        if (stale) throw new FeedError(stale);
      }
      fresh.set(symbol, bars);
    }
    return fresh;
  }

  /** Runs every sleeve with a bar on `date` through the kernel; nothing is stored yet. */
  private async process(
    session: PaperSessionRecord,
    spec: PaperSessionSpec,
    feed: MarketFeed,
    stored: Map<string, StoredSleeve>,
    fresh: Map<string, BarRow[]>,
    date: number,
    final: boolean,
    calendar: SessionCalendar,
    signal?: AbortSignal,
  ): Promise<BarStep> {
    const usesAgents = STRATEGY_KINDS[spec.strategy.kind]?.usesAgents === true;
    const out: BarStep = { bars: [], news: [], sleeves: [] };
    for (const symbol of spec.symbols) {
      const bar = fresh.get(symbol)!.find((b) => b.time === date);
      if (!bar) continue;
      const sleeve = stored.get(symbol)!;
      const rows = [...sleeve.rows, bar];
      let news: NewsItem[] = [];
      if (usesAgents) {
        const since = rows.length > 1 ? closeOf(rows[rows.length - 2].time, calendar) : closeOf(date, calendar) - 86_400_000;
        try {
          news = await feed.news(symbol, since, closeOf(date, calendar), signal);
        } catch (e) {
          throw new FeedError(`news of ${symbol}: ${(e as Error).message}`);
        }
      }
      const { outcome } = await this.sleeves.run(session.id, spec, { symbol, rows, warmUp: sleeve.warmUp, inputs: marketInputsOf(sleeve, news), final }, { signal, prompts: sleeve.pinned.prompts });
      out.sleeves.push(sleeveStep({ orders: sleeve.orders, memoryCases: sleeve.memoryCases }, outcome));
      out.bars.push({ symbol, bar });
      out.news.push(...news.map((item): PaperNewsRow => ({ symbol, item, time: item.time, barTime: date })));
    }
    return out;
  }

  private async skip(session: PaperSessionRecord, spec: PaperSessionSpec, note: string): Promise<TickReport> {
    const failures = session.failures + 1;
    const pause = failures >= spec.maxFailures;
    await this.repo.recordTick(session.id, 'skipped', null, note, {
      failures,
      ...(pause && { status: 'paused', statusReason: `paused after ${failures} consecutive failed tick${failures === 1 ? '' : 's'}: ${note}` }),
    });
    return { outcome: 'skipped', processed: [], note };
  }

  /**
   * A bar that could not be processed. A session whose rebuilt history contradicts what it stored
   * fails for good; a budget reached pauses it; anything else (a news feed failing mid-tick, a
   * database error) counts as a failed tick like a feed failure.
   */
  private async failed(session: PaperSessionRecord, spec: PaperSessionSpec, processed: string[], e: Error): Promise<TickReport> {
    const base = { outcome: 'failed' as const, processed };
    if (e instanceof SleeveEndedError) {
      // As a backtest ends where its account is wiped out, so does the session.
      const note = e.message;
      await this.repo.recordTick(session.id, 'idle', null, note, { status: 'done', statusReason: note });
      return { outcome: 'idle', processed, note };
    }
    if (e instanceof SessionDivergedError) {
      const note = `the session's history could not be rebuilt: ${e.message}`;
      await this.repo.recordTick(session.id, 'failed', null, note, { status: 'failed', statusReason: note });
      return { ...base, note };
    }
    if (e instanceof BudgetExceededError) {
      const note = `llm budget: ${e.message}`;
      await this.repo.recordTick(session.id, 'failed', null, note, { status: 'paused', statusReason: `paused: ${note}` });
      return { ...base, note };
    }
    const skipped = await this.skip({ ...session, failures: session.failures }, spec, e instanceof FeedError ? `feed: ${e.message}` : e.message);
    return { ...base, note: skipped.note };
  }
}

interface BarStep {
  bars: Array<{ symbol: string; bar: BarRow }>;
  news: PaperNewsRow[];
  sleeves: SleeveStep[];
}

/**
 * The bar dates a tick processes, oldest first. A replay steps one bar: the earliest next bar of
 * any symbol. A live feed processes every new date up to the newest date every symbol has
 * reached, so the sleeves advance together and a symbol whose bar is late holds the others back
 * rather than have its bar of a processed date arrive after it.
 */
function processable(feed: MarketFeed, fresh: Map<string, BarRow[]>, stored: Map<string, StoredSleeve>): number[] {
  const dates = new Set<number>();
  for (const bars of fresh.values()) for (const b of bars) dates.add(b.time);
  const sorted = [...dates].sort((a, b) => a - b);
  if (!feed.live) return sorted.slice(0, 1);
  let reached = Infinity;
  for (const [symbol, bars] of fresh) {
    const rows = stored.get(symbol)!.rows;
    const newest = bars.length > 0 ? bars[bars.length - 1].time : rows.length > 0 ? rows[rows.length - 1].time : -Infinity;
    reached = Math.min(reached, newest);
  }
  return sorted.filter((d) => d <= reached);
}

async function lastBarOf(feed: MarketFeed, symbols: readonly string[]): Promise<number | null> {
  let last: number | null = null;
  for (const s of symbols) {
    const t = await feed.lastBar(s);
    if (t !== null && (last === null || t > last)) last = t;
  }
  return last;
}

/** What a stored bar adds to the sleeves kept in memory for the rest of the tick. */
function absorb(stored: Map<string, StoredSleeve>, step: BarStep): void {
  for (const { symbol, bar } of step.bars) stored.get(symbol)!.rows.push(bar);
  for (const n of step.news) stored.get(n.symbol)!.news.push(n.item);
  for (const s of step.sleeves) {
    const sleeve = stored.get(s.symbol)!;
    for (const o of s.orders) sleeve.orders[o.id - 1] = o;
    sleeve.memoryCases += s.memory.length;
  }
}

/**
 * The client order id of each order decided at the bar: derived from the bar's idempotency key
 * (session, bar time), the symbol and the order's number, so an order sent again after a restart
 * carries the same id and the broker refuses the duplicate.
 */
function clientOrderIds(sessionId: string, date: number, sleeves: readonly SleeveStep[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const s of sleeves) {
    for (const o of s.orders) {
      if (o.signalTime !== date) continue;
      const key = `${sessionId}|${isoDay(date)}|${s.symbol}|${o.id}`;
      ids.set(`${s.symbol}:${o.id}`, `tg-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`);
    }
  }
  return ids;
}

/** The session calendar of the strategy (when it has one) decides when a daily bar has closed. */
function calendarOf(spec: PaperSessionSpec): SessionCalendar {
  const c = (spec.strategy.params as { calendar?: SessionCalendar }).calendar;
  return c && typeof c.timeZone === 'string' && typeof c.closeTime === 'string' ? c : NYSE_CALENDAR;
}
