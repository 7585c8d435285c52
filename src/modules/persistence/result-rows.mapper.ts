import { BacktestResult, DecisionTraceEntry } from '../../core/engine/backtest-result';
import { OrderReason, OrderRecord, OrderStatus, OrderType, Side, Trade } from '../../core/engine/orders';
import { isoDay } from '../../core/market/dates';
import { DecisionRow, EquityPointRow } from './run-record';
import { DecisionEntity } from './decision.entity';
import { EquityPointEntity } from './equity-point.entity';
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

/** Equity rows of window bars [from, to); throws on a bar whose time is not a date. */
export function toEquityEntities(runId: string, result: BacktestResult, from: number, to: number): EquityPointEntity[] {
  const rows: EquityPointEntity[] = [];
  for (let i = from; i < to; i++) {
    rows.push(
      Object.assign(new EquityPointEntity(), {
        runId,
        barIndex: result.startBar + i,
        date: isoDay(result.time[i]),
        equity: result.equity[i],
        cash: result.cash[i],
        position: result.position[i],
        close: result.close[i],
      }),
    );
  }
  return rows;
}

export function fromEquityEntity(e: EquityPointEntity): EquityPointRow {
  return { barIndex: e.barIndex, date: e.date, equity: e.equity, cash: e.cash, position: e.position, close: e.close };
}

export function toDecisionEntity(runId: string, seq: number, d: DecisionTraceEntry): DecisionEntity {
  return Object.assign(new DecisionEntity(), {
    runId,
    seq,
    barIndex: d.bar,
    date: isoDay(d.time),
    agent: d.agent,
    output: JSON.stringify(d.output),
  });
}

export function fromDecisionEntity(e: DecisionEntity): DecisionRow {
  return { barIndex: e.barIndex, date: e.date, agent: e.agent, output: JSON.parse(e.output) };
}
