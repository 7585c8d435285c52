import type { BacktestResult, LedgerColumns } from './backtest-result';
import { OrderRecord, OrderReason, OrderStatus, OrderType, Side, Trade } from './orders';

/**
 * Records read one at a time by their index: an array of them, or a view of a finished run's
 * ledger columns that makes each record as it is read, so that a long run's 55,552 orders and
 * 27,776 trades are never objects all at once. A reader keeps what it reads from a record, not
 * the record (a view makes a new one each time).
 */
export interface RecordList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** A run's orders, read from its ledger columns when the engine handed them over (else its records). */
export function ordersOf(result: Pick<BacktestResult, 'orders' | 'ledgerColumns'>): RecordList<OrderRecord> {
  const columns = result.ledgerColumns?.();
  return columns ? viewsOf(columns).orders : result.orders;
}

/** A run's trades, read from its ledger columns when the engine handed them over (else its records). */
export function tradesOf(result: Pick<BacktestResult, 'trades' | 'ledgerColumns'>): RecordList<Trade> {
  const columns = result.ledgerColumns?.();
  return columns ? viewsOf(columns).trades : result.trades;
}

/** The columns a list reads, when it is a view of them (null for an array of records). */
export function orderColumnsOf(list: RecordList<OrderRecord>): LedgerColumns['orders'] | null {
  return list instanceof OrderColumnsView ? list.columns : null;
}

/** The columns a list reads, when it is a view of them (null for an array of records). */
export function tradeColumnsOf(list: RecordList<Trade>): LedgerColumns['trades'] | null {
  return list instanceof TradeColumnsView ? list.columns : null;
}

/** Every order of the columns as a record. */
export function orderRecords(columns: LedgerColumns['orders']): OrderRecord[] {
  const out: OrderRecord[] = new Array(columns.count);
  for (let i = 0; i < columns.count; i++) out[i] = orderAt(columns, i);
  return out;
}

/** Every trade of the columns as a record. */
export function tradeRecords(columns: LedgerColumns['trades']): Trade[] {
  const out: Trade[] = new Array(columns.count);
  for (let i = 0; i < columns.count; i++) out[i] = tradeAt(columns, i);
  return out;
}

/** The i-th order of the columns as a record. */
export function orderAt(c: LedgerColumns['orders'], i: number): OrderRecord {
  const s = c.strings;
  return {
    id: i + 1,
    signalBar: c.signalBar[i],
    signalTime: c.signalTime[i],
    side: c.sides[c.side[i]] as Side,
    type: c.types[c.type[i]] as OrderType,
    requestedQty: c.requestedQty[i],
    limit: c.limit[i],
    stop: c.stop[i],
    reason: c.reasons[c.reason[i]] as OrderReason,
    tag: s[c.tag[i]],
    status: c.statuses[c.status[i]] as OrderStatus,
    eventBar: c.eventBar[i],
    eventTime: c.eventTime[i],
    filledQty: c.filledQty[i],
    price: c.price[i],
    commission: c.commission[i],
    note: s[c.note[i]],
  };
}

/** The i-th trade of the columns as a record. */
export function tradeAt(c: LedgerColumns['trades'], i: number): Trade {
  return {
    direction: c.long[i] ? 'long' : 'short',
    entryBar: c.entryBar[i],
    entryTime: c.entryTime[i],
    entryPrice: c.entryPrice[i],
    exitBar: c.exitBar[i],
    exitTime: c.exitTime[i],
    exitPrice: c.exitPrice[i],
    maxQty: c.maxQty[i],
    qty: c.qty[i],
    pnl: c.pnl[i],
    returnPct: c.returnPct[i],
    commission: c.commission[i],
    exitReason: c.reasons[c.exitReason[i]] as OrderReason,
    barsHeld: c.exitBar[i] - c.entryBar[i],
  };
}

class OrderColumnsView implements RecordList<OrderRecord> {
  constructor(readonly columns: LedgerColumns['orders']) {}
  get length(): number {
    return this.columns.count;
  }
  at(index: number): OrderRecord | undefined {
    return index >= 0 && index < this.columns.count ? orderAt(this.columns, index) : undefined;
  }
}

class TradeColumnsView implements RecordList<Trade> {
  constructor(readonly columns: LedgerColumns['trades']) {}
  get length(): number {
    return this.columns.count;
  }
  at(index: number): Trade | undefined {
    return index >= 0 && index < this.columns.count ? tradeAt(this.columns, index) : undefined;
  }
}

/** One view of each per run: the ledger blocks made of a view are kept for it until stored. */
const VIEWS = new WeakMap<LedgerColumns, { orders: OrderColumnsView; trades: TradeColumnsView }>();

function viewsOf(columns: LedgerColumns): { orders: OrderColumnsView; trades: TradeColumnsView } {
  let views = VIEWS.get(columns);
  if (!views) VIEWS.set(columns, (views = { orders: new OrderColumnsView(columns.orders), trades: new TradeColumnsView(columns.trades) }));
  return views;
}
