import type { OrderRecord } from '../../../core/engine/orders';
import { PaperDecisionEntity } from './paper-decision.entity';
import { PaperEquityEntity } from './paper-equity.entity';
import { PaperOrderEntity } from './paper-order.entity';
import { PaperPositionEntity } from './paper-position.entity';
import { PaperSessionEntity } from './paper-session.entity';
import { PaperDecisionRow, PaperEquityRow, PaperOrderRecord, PaperPositionRow, PaperSessionRecord, PaperStatus } from './paper-record';

/** NaN is stored as NULL (SQLite has no NaN) and read back as NaN. */
const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);
const nanIfNull = (v: number | null): number => (v === null ? NaN : Number(v));

export function toSessionRecord(e: PaperSessionEntity): PaperSessionRecord {
  return {
    id: e.id,
    strategy: e.strategy,
    symbols: JSON.parse(e.symbols) as string[],
    feed: e.feed,
    broker: e.broker,
    mode: e.mode,
    spec: JSON.parse(e.spec) as Record<string, unknown>,
    status: e.status as PaperStatus,
    statusReason: e.statusReason,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    firstBarTime: e.firstBarTime === null ? null : Number(e.firstBarTime),
    lastBarTime: e.lastBarTime === null ? null : Number(e.lastBarTime),
    barsProcessed: Number(e.barsProcessed),
    lastTickAt: e.lastTickAt,
    lastTickOutcome: e.lastTickOutcome,
    lastTickNote: e.lastTickNote,
    nextTickAt: e.nextTickAt,
    failures: Number(e.failures),
    owner: e.owner,
    leaseUntil: e.leaseUntil === null ? null : Number(e.leaseUntil),
    equity: e.equity === null ? null : Number(e.equity),
  };
}

export function toOrderEntity(sessionId: string, symbol: string, o: OrderRecord, clientOrderId: string | null): PaperOrderEntity {
  return Object.assign(new PaperOrderEntity(), {
    sessionId,
    symbol,
    orderId: o.id,
    signalBar: o.signalBar,
    signalTime: o.signalTime,
    side: o.side,
    type: o.type,
    requestedQty: o.requestedQty,
    limitPrice: nullIfNaN(o.limit),
    stopPrice: nullIfNaN(o.stop),
    reason: o.reason,
    tag: o.tag,
    status: o.status,
    eventBar: o.eventBar,
    eventTime: nullIfNaN(o.eventTime),
    filledQty: o.filledQty,
    price: nullIfNaN(o.price),
    commission: o.commission,
    note: o.note,
    clientOrderId,
    brokerState: clientOrderId === null ? null : 'unsent',
    brokerReport: null,
  });
}

export function toOrderRecord(e: PaperOrderEntity): PaperOrderRecord {
  return {
    symbol: e.symbol,
    id: Number(e.orderId),
    signalBar: Number(e.signalBar),
    signalTime: Number(e.signalTime),
    side: e.side as OrderRecord['side'],
    type: e.type as OrderRecord['type'],
    requestedQty: Number(e.requestedQty),
    limit: nanIfNull(e.limitPrice),
    stop: nanIfNull(e.stopPrice),
    reason: e.reason as OrderRecord['reason'],
    tag: e.tag,
    status: e.status as OrderRecord['status'],
    eventBar: Number(e.eventBar),
    eventTime: nanIfNull(e.eventTime),
    filledQty: Number(e.filledQty),
    price: nanIfNull(e.price),
    commission: Number(e.commission),
    note: e.note,
    clientOrderId: e.clientOrderId,
    brokerState: e.brokerState as PaperOrderRecord['brokerState'],
    brokerReport: e.brokerReport === null ? null : (JSON.parse(e.brokerReport) as Record<string, unknown>),
  };
}

/** The order as the engine knows it (what a sleeve's run is checked against). */
export function engineOrder(o: PaperOrderRecord): OrderRecord {
  const { symbol: _s, clientOrderId: _c, brokerState: _b, brokerReport: _r, ...order } = o;
  return order;
}

export function toEquityRow(e: PaperEquityEntity): PaperEquityRow {
  return { symbol: e.symbol, time: Number(e.time), equity: Number(e.equity), cash: Number(e.cash), position: Number(e.position), close: Number(e.close) };
}

export function toPositionRow(e: PaperPositionEntity): PaperPositionRow {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    symbol: e.symbol,
    time: Number(e.time),
    cash: Number(e.cash),
    quantity: Number(e.quantity),
    avgPrice: n(e.avgPrice),
    close: Number(e.close),
    equity: Number(e.equity),
    stopPrice: n(e.stopPrice),
    takeProfitPrice: n(e.takeProfitPrice),
  };
}

export function toDecisionRow(e: PaperDecisionEntity): PaperDecisionRow {
  return { symbol: e.symbol, bar: Number(e.bar), time: Number(e.time), agent: e.agent, output: JSON.parse(e.output) as unknown };
}
