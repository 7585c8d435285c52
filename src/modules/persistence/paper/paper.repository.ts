import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import type { BarRow } from '../../../core/market/bar-series';
import type { NewsItem } from '../../../core/market/news';
import { queueFor, SerialQueue } from '../serial-queue';
import { PaperBarEntity } from './paper-bar.entity';
import { PaperDecisionEntity } from './paper-decision.entity';
import { PaperEquityEntity } from './paper-equity.entity';
import { PaperInputEntity } from './paper-input.entity';
import { PaperNewsEntity } from './paper-news.entity';
import { PaperOrderEntity } from './paper-order.entity';
import { PaperPositionEntity } from './paper-position.entity';
import { PaperSessionEntity } from './paper-session.entity';
import { PaperStepEntity } from './paper-step.entity';
import { PaperTickEntity } from './paper-tick.entity';
import { toDecisionRow, toEquityRow, toOrderEntity, toOrderRecord, toPositionRow, toSessionRecord } from './paper.mapper';
import {
  NewPaperSession,
  PaperDecisionRow,
  PaperEquityRow,
  PaperNewsRow,
  PaperOrderRecord,
  PaperPositionRow,
  PaperSessionRecord,
  PaperStatus,
  PaperStepWrite,
  PaperTickOutcome,
  PaperTickRow,
} from './paper-record';

const CHUNK = 200;
const SESSION_CHILDREN = [PaperInputEntity, PaperBarEntity, PaperNewsEntity, PaperStepEntity, PaperTickEntity, PaperOrderEntity, PaperEquityEntity, PaperDecisionEntity, PaperPositionEntity];

/** What a tick changes on its session besides the bars it stores. */
export interface TickPatch {
  failures?: number;
  nextTickAt?: string | null;
  /** A status change, made only while the session is still `active`. */
  status?: PaperStatus;
  statusReason?: string | null;
}

/**
 * Stores paper sessions and what their ticks produce. Plain class over an initialised
 * DataSource; hands out plain records. A processed bar is written in one transaction that also
 * moves the session's newest bar forward, conditionally: a bar already stored (or older than the
 * newest) is refused, so a bar is never stored twice, whichever process tries.
 */
export class PaperRepository {
  private readonly queue: Pick<SerialQueue, 'run'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.queue = queueFor(dataSource);
  }

  async createSession(s: NewPaperSession): Promise<PaperSessionRecord> {
    const at = this.now().toISOString();
    const entity = Object.assign(new PaperSessionEntity(), {
      id: s.id,
      strategy: s.strategy,
      symbols: JSON.stringify(s.symbols),
      feed: s.feed,
      broker: s.broker,
      mode: s.mode,
      spec: JSON.stringify(s.spec),
      status: 'active',
      statusReason: null,
      createdAt: at,
      updatedAt: at,
      firstBarTime: s.firstBarTime,
      lastBarTime: null,
      barsProcessed: 0,
      lastTickAt: null,
      lastTickOutcome: null,
      lastTickNote: null,
      nextTickAt: s.nextTickAt,
      failures: 0,
      owner: null,
      leaseUntil: null,
      equity: null,
    });
    await this.transaction(async (m) => {
      await m.insert(PaperSessionEntity, entity);
      for (const [symbol, content] of Object.entries(s.inputs)) {
        await m.insert(PaperInputEntity, { sessionId: s.id, symbol, content: JSON.stringify(content) });
      }
      for (const [symbol, rows] of Object.entries(s.warmUp)) {
        await insertChunks(m, PaperBarEntity, rows.map((bar) => barEntity(s.id, symbol, bar, 1)));
      }
    });
    return toSessionRecord(entity);
  }

  async getSession(id: string): Promise<PaperSessionRecord | null> {
    const e = await this.with((m) => m.findOneBy(PaperSessionEntity, { id }));
    return e ? toSessionRecord(e) : null;
  }

  /** Sessions newest first, optionally only those in some statuses. */
  async listSessions(statuses?: readonly PaperStatus[]): Promise<PaperSessionRecord[]> {
    const rows = await this.with((m) =>
      m.find(PaperSessionEntity, { where: statuses ? { status: In([...statuses]) } : {}, order: { createdAt: 'DESC', id: 'DESC' } }),
    );
    return rows.map(toSessionRecord);
  }

  /**
   * Moves a session to `to` if it is in one of `from`; false otherwise. Resuming clears the
   * failure count and sets the next tick (`nextTickAt`) in the same update: a scheduler that
   * picks the session up at once then sees when its next tick is, not a tick missed since it
   * paused. Any other move clears the next tick. A move to active without a next tick is
   * refused: the session would never tick again.
   */
  async setStatus(id: string, to: PaperStatus, from: readonly PaperStatus[], reason: string | null, nextTickAt: string | null = null): Promise<boolean> {
    if (to === 'active' && nextTickAt === null) throw new Error(`paper session ${id}: made active without its next tick`);
    const changes: Partial<PaperSessionEntity> = { status: to, statusReason: reason, updatedAt: this.now().toISOString(), nextTickAt: to === 'active' ? nextTickAt : null };
    if (to === 'active') changes.failures = 0;
    const result = await this.with((m) => m.update(PaperSessionEntity, { id, status: In([...from]) }, changes));
    return (result.affected ?? 0) > 0;
  }

  /**
   * Makes `owner` the process that runs the session until `leaseUntil` (epoch ms). Taken only if
   * nobody holds it, the holder is `owner` already, its lease ran out, or `gone` says the holder's
   * process has ended; the update is conditional on the holder read, so two processes cannot both win.
   */
  async claim(id: string, owner: string, leaseUntil: number, nowMs: number, gone: (holder: string) => boolean): Promise<boolean> {
    return this.with(async (m) => {
      const row = await m.findOneBy(PaperSessionEntity, { id });
      if (!row || row.status !== 'active') return false;
      const holder = row.owner;
      const free = holder === null || holder === owner || row.leaseUntil === null || Number(row.leaseUntil) < nowMs || gone(holder);
      if (!free) return false;
      const result = await m.update(PaperSessionEntity, { id, owner: holder === null ? IsNull() : holder }, { owner, leaseUntil });
      return (result.affected ?? 0) > 0;
    });
  }

  /** Extends the lease of the sessions `owner` holds. */
  async renew(owner: string, leaseUntil: number): Promise<void> {
    await this.with((m) => m.update(PaperSessionEntity, { owner }, { leaseUntil }));
  }

  async release(id: string, owner: string): Promise<void> {
    await this.with((m) => m.update(PaperSessionEntity, { id, owner }, { owner: null, leaseUntil: null }));
  }

  /** Sessions whose lease has run out or that nobody holds, among the active ones. */
  async unheld(nowMs: number): Promise<PaperSessionRecord[]> {
    const rows = await this.with((m) =>
      m.find(PaperSessionEntity, { where: [{ status: 'active', owner: IsNull() }, { status: 'active', leaseUntil: LessThan(nowMs) }] }),
    );
    return rows.map(toSessionRecord);
  }

  async inputs(id: string, symbol: string): Promise<Record<string, unknown> | null> {
    const row = await this.with((m) => m.findOneBy(PaperInputEntity, { sessionId: id, symbol }));
    return row ? (JSON.parse(row.content) as Record<string, unknown>) : null;
  }

  /** A sleeve's bars in time order, and how many of them are warm-up. */
  async bars(id: string, symbol: string): Promise<{ rows: BarRow[]; warmUp: number }> {
    const rows = await this.with((m) => m.find(PaperBarEntity, { where: { sessionId: id, symbol }, order: { time: 'ASC' } }));
    return {
      rows: rows.map((r) => ({ time: Number(r.time), open: Number(r.open), high: Number(r.high), low: Number(r.low), close: Number(r.close), volume: Number(r.volume) })),
      warmUp: rows.filter((r) => Number(r.warmUp) === 1).length,
    };
  }

  async news(id: string, symbol: string): Promise<PaperNewsRow[]> {
    const rows = await this.with((m) => m.find(PaperNewsEntity, { where: { sessionId: id, symbol }, order: { time: 'ASC', itemId: 'ASC' } }));
    return rows.map((r) => ({ symbol: r.symbol, item: JSON.parse(r.item) as NewsItem, time: Number(r.time), barTime: Number(r.barTime) }));
  }

  /** Orders in id order, of one sleeve or of all (by symbol, then id). */
  async orders(id: string, symbol?: string): Promise<PaperOrderRecord[]> {
    const rows = await this.with((m) => m.find(PaperOrderEntity, { where: symbol ? { sessionId: id, symbol } : { sessionId: id }, order: { symbol: 'ASC', orderId: 'ASC' } }));
    return rows.map(toOrderRecord);
  }

  /** How many memory cases each sleeve has stored. */
  async memoryCounts(id: string): Promise<Record<string, number>> {
    const rows = await this.with((m) => m.find(PaperStepEntity, { where: { sessionId: id }, select: { memory: true } }));
    const counts: Record<string, number> = {};
    for (const r of rows) {
      for (const [symbol, cases] of Object.entries(JSON.parse(r.memory) as Record<string, unknown[]>)) counts[symbol] = (counts[symbol] ?? 0) + cases.length;
    }
    return counts;
  }

  /**
   * Stores a processed bar, its tick and the session's move to it, in one transaction: only while
   * the session is active and the bar is newer than its newest; false (nothing stored) otherwise.
   */
  async saveStep(w: PaperStepWrite): Promise<boolean> {
    const at = this.now().toISOString();
    return this.transaction(async (m) => {
      const moved = await m
        .createQueryBuilder()
        .update(PaperSessionEntity)
        .set({
          lastBarTime: w.time,
          // A live session learns its first bar when it processes it.
          firstBarTime: () => `COALESCE(first_bar_time, ${Number(w.time)})`,
          barsProcessed: () => 'bars_processed + 1',
          equity: w.equity,
          updatedAt: at,
          lastTickAt: at,
          lastTickOutcome: 'processed',
          lastTickNote: null,
          failures: 0,
          ...(w.final && { status: 'done', statusReason: 'the replay reached its last bar', nextTickAt: null }),
        })
        .where('id = :id AND status = :active AND (last_bar_time IS NULL OR last_bar_time < :time)', { id: w.sessionId, active: 'active', time: w.time })
        .execute();
      if ((moved.affected ?? 0) === 0) return false;
      const sid = w.sessionId;
      const memory: Record<string, unknown[]> = {};
      for (const s of w.sleeves) if (s.memory.length > 0) memory[s.symbol] = s.memory;
      await m.insert(PaperStepEntity, { sessionId: sid, time: w.time, processedAt: w.processedAt, equity: w.equity, memory: JSON.stringify(memory) });
      await m.insert(PaperTickEntity, { sessionId: sid, at, outcome: 'processed', barTime: w.time, note: null });
      await insertChunks(m, PaperBarEntity, w.bars.map((b) => barEntity(sid, b.symbol, b.bar, 0)));
      await insertChunks(
        m,
        PaperNewsEntity,
        w.news.map((n) => ({ sessionId: sid, symbol: n.symbol, itemId: n.item.id, time: n.time, barTime: n.barTime, item: JSON.stringify(n.item) })),
      );
      for (const s of w.sleeves) {
        for (const o of s.orders) {
          const entity = toOrderEntity(sid, s.symbol, o, w.clientOrderIds?.get(`${s.symbol}:${o.id}`) ?? null);
          const { clientOrderId: _c, brokerState: _b, brokerReport: _r, ...engineFields } = entity;
          const updated = await m.update(PaperOrderEntity, { sessionId: sid, symbol: s.symbol, orderId: o.id }, engineFields);
          if ((updated.affected ?? 0) === 0) await m.insert(PaperOrderEntity, entity);
        }
        const e = s.equity;
        await m.insert(PaperEquityEntity, { sessionId: sid, symbol: s.symbol, time: e.time, equity: e.equity, cash: e.cash, position: e.position, close: e.close });
        await insertChunks(
          m,
          PaperDecisionEntity,
          s.decisions.map((d, seq) => ({ sessionId: sid, symbol: s.symbol, time: d.time, seq, bar: d.bar, agent: d.agent, output: JSON.stringify(d.output) })),
        );
        const a = s.account;
        const nan = (v: number) => (Number.isNaN(v) ? null : v);
        await m.save(
          Object.assign(new PaperPositionEntity(), {
            sessionId: sid,
            symbol: s.symbol,
            time: e.time,
            cash: a.cash,
            quantity: a.position,
            avgPrice: nan(a.avgPrice),
            close: e.close,
            equity: e.equity,
            stopPrice: nan(a.stopPrice),
            takeProfitPrice: nan(a.takeProfitPrice),
          }),
        );
      }
      return true;
    });
  }

  /** Records what a tick did and updates the session with it (a status change only while it is active). */
  async recordTick(id: string, outcome: PaperTickOutcome, barTime: number | null, note: string | null, patch: TickPatch = {}): Promise<void> {
    const at = this.now().toISOString();
    await this.transaction(async (m) => {
      await m.insert(PaperTickEntity, { sessionId: id, at, outcome, barTime, note });
      const { status, statusReason, ...rest } = patch;
      await m.update(PaperSessionEntity, { id }, { lastTickAt: at, lastTickOutcome: outcome, lastTickNote: note, updatedAt: at, ...rest });
      if (status) await m.update(PaperSessionEntity, { id, status: 'active' }, { status, statusReason: statusReason ?? null, nextTickAt: null });
    });
  }

  async setNextTick(id: string, nextTickAt: string | null): Promise<void> {
    await this.with((m) => m.update(PaperSessionEntity, { id, status: 'active' }, { nextTickAt }));
  }

  /** The session's ticks, newest first. */
  async ticks(id: string, limit = 100): Promise<PaperTickRow[]> {
    const rows = await this.with((m) => m.find(PaperTickEntity, { where: { sessionId: id }, order: { id: 'DESC' }, take: limit }));
    return rows.map((r) => ({ id: Number(r.id), at: r.at, outcome: r.outcome as PaperTickOutcome, barTime: r.barTime === null ? null : Number(r.barTime), note: r.note }));
  }

  /** Bar times processed, oldest first (the idempotency keys stored). */
  async stepTimes(id: string): Promise<number[]> {
    const rows = await this.with((m) => m.find(PaperStepEntity, { where: { sessionId: id }, select: { time: true }, order: { time: 'ASC' } }));
    return rows.map((r) => Number(r.time));
  }

  async equity(id: string): Promise<PaperEquityRow[]> {
    const rows = await this.with((m) => m.find(PaperEquityEntity, { where: { sessionId: id }, order: { time: 'ASC', symbol: 'ASC' } }));
    return rows.map(toEquityRow);
  }

  async positions(id: string): Promise<PaperPositionRow[]> {
    const rows = await this.with((m) => m.find(PaperPositionEntity, { where: { sessionId: id }, order: { symbol: 'ASC' } }));
    return rows.map(toPositionRow);
  }

  async decisions(id: string, filter: { symbol?: string; time?: number; agent?: string } = {}): Promise<PaperDecisionRow[]> {
    const where = { sessionId: id, ...(filter.symbol && { symbol: filter.symbol }), ...(filter.time !== undefined && { time: filter.time }), ...(filter.agent && { agent: filter.agent }) };
    const rows = await this.with((m) => m.find(PaperDecisionEntity, { where, order: { time: 'ASC', symbol: 'ASC', seq: 'ASC' } }));
    return rows.map(toDecisionRow);
  }

  /** Orders decided for a broker and not yet accepted by it, oldest first. */
  async unsentOrders(id: string): Promise<PaperOrderRecord[]> {
    const rows = await this.with((m) => m.find(PaperOrderEntity, { where: { sessionId: id, brokerState: 'unsent' }, order: { signalTime: 'ASC', symbol: 'ASC', orderId: 'ASC' } }));
    return rows.map(toOrderRecord);
  }

  /** Orders a broker accepted whose outcome it has not reported as final yet. */
  async openBrokerOrders(id: string): Promise<PaperOrderRecord[]> {
    const rows = await this.with((m) => m.find(PaperOrderEntity, { where: { sessionId: id, brokerState: 'sent' }, order: { signalTime: 'ASC', symbol: 'ASC', orderId: 'ASC' } }));
    return rows.map(toOrderRecord).filter((o) => !isFinalBrokerReport(o.brokerReport));
  }

  async reportBrokerOrder(id: string, symbol: string, orderId: number, state: 'sent' | 'refused', report: Record<string, unknown>): Promise<void> {
    await this.with((m) => m.update(PaperOrderEntity, { sessionId: id, symbol, orderId }, { brokerState: state, brokerReport: JSON.stringify(report) }));
  }

  /** Deletes a session and everything it stored. */
  async deleteSession(id: string): Promise<boolean> {
    return this.transaction(async (m) => {
      for (const entity of SESSION_CHILDREN) await m.delete(entity, { sessionId: id });
      const result = await m.delete(PaperSessionEntity, { id });
      return (result.affected ?? 0) > 0;
    });
  }

  private with<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.dataSource.manager));
  }

  private transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.dataSource.transaction(work));
  }
}

const FINAL_BROKER_STATUSES = new Set(['filled', 'canceled', 'expired', 'rejected', 'done_for_day', 'replaced']);

function isFinalBrokerReport(report: Record<string, unknown> | null): boolean {
  return report !== null && FINAL_BROKER_STATUSES.has(String(report.status));
}

function barEntity(sessionId: string, symbol: string, b: BarRow, warmUp: number) {
  return { sessionId, symbol, time: b.time, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, warmUp };
}

async function insertChunks<T extends object>(m: EntityManager, target: new () => T, rows: Array<Partial<T>>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await m.insert(target, rows.slice(i, i + CHUNK) as never);
}
