import { OrderReason, OrderRecord, OrderStatus, OrderType, Side, Trade } from '../../core/engine/orders';
import { OrderEntity } from './order.entity';
import { TradeEntity } from './trade.entity';

// SQLite turns NaN into NULL, so NaN is stored as NULL explicitly and read back as NaN.
const toDb = (value: number): number | null => (Number.isNaN(value) ? null : value);
const fromDb = (value: number | null): number => (value === null ? NaN : value);

export function toTradeEntity(runId: string, seq: number, t: Trade): TradeEntity {
  return Object.assign(new TradeEntity(), {
    runId,
    seq,
    direction: t.direction,
    entryBar: t.entryBar,
    entryTime: toDb(t.entryTime),
    entryPrice: toDb(t.entryPrice),
    exitBar: t.exitBar,
    exitTime: toDb(t.exitTime),
    exitPrice: toDb(t.exitPrice),
    maxQty: toDb(t.maxQty),
    qty: toDb(t.qty),
    pnl: toDb(t.pnl),
    returnPct: toDb(t.returnPct),
    commission: toDb(t.commission),
    exitReason: t.exitReason,
    barsHeld: t.barsHeld,
  });
}

export function fromTradeEntity(e: TradeEntity): Trade {
  return {
    direction: e.direction as Trade['direction'],
    entryBar: e.entryBar,
    entryTime: fromDb(e.entryTime),
    entryPrice: fromDb(e.entryPrice),
    exitBar: e.exitBar,
    exitTime: fromDb(e.exitTime),
    exitPrice: fromDb(e.exitPrice),
    maxQty: fromDb(e.maxQty),
    qty: fromDb(e.qty),
    pnl: fromDb(e.pnl),
    returnPct: fromDb(e.returnPct),
    commission: fromDb(e.commission),
    exitReason: e.exitReason as OrderReason,
    barsHeld: e.barsHeld,
  };
}

export function toOrderEntity(runId: string, seq: number, o: OrderRecord): OrderEntity {
  return Object.assign(new OrderEntity(), {
    runId,
    seq,
    orderId: o.id,
    signalBar: o.signalBar,
    signalTime: toDb(o.signalTime),
    side: o.side,
    type: o.type,
    requestedQty: toDb(o.requestedQty),
    limitPrice: toDb(o.limit),
    stopPrice: toDb(o.stop),
    reason: o.reason,
    tag: o.tag,
    status: o.status,
    eventBar: o.eventBar,
    eventTime: toDb(o.eventTime),
    filledQty: toDb(o.filledQty),
    price: toDb(o.price),
    commission: toDb(o.commission),
    note: o.note,
  });
}

export function fromOrderEntity(e: OrderEntity): OrderRecord {
  return {
    id: e.orderId,
    signalBar: e.signalBar,
    signalTime: fromDb(e.signalTime),
    side: e.side as Side,
    type: e.type as OrderType,
    requestedQty: fromDb(e.requestedQty),
    limit: fromDb(e.limitPrice),
    stop: fromDb(e.stopPrice),
    reason: e.reason as OrderReason,
    tag: e.tag,
    status: e.status as OrderStatus,
    eventBar: e.eventBar,
    eventTime: fromDb(e.eventTime),
    filledQty: fromDb(e.filledQty),
    price: fromDb(e.price),
    commission: fromDb(e.commission),
    note: e.note,
  };
}
