import { DecisionTraceEntry } from '../engine/backtest-result';
import { OrderRecord } from '../engine/orders';
import { isoDay } from '../market/dates';
import { MemoryCase } from '../reflection/memory-case';
import { SleeveAccount, SleeveOutcome } from './paper-kernel';

/** What a sleeve stored before this bar: its orders as they stood, and how many memory cases. */
export interface SleeveHistory {
  orders: readonly OrderRecord[];
  memoryCases: number;
}

/** One equity point of a sleeve: the account at a bar's close. */
export interface SleeveEquityPoint {
  time: number;
  equity: number;
  cash: number;
  position: number;
  close: number;
}

/** What one bar added to a sleeve, to be stored with the bar. */
export interface SleeveStep {
  symbol: string;
  /** The bar's date (epoch ms, 00:00 UTC). */
  time: number;
  /** Orders decided at this bar, and earlier orders whose outcome changed at it (filled, rejected, cancelled). */
  orders: OrderRecord[];
  equity: SleeveEquityPoint;
  /** What the strategy's agents said at this bar. */
  decisions: DecisionTraceEntry[];
  /** Memory cases whose labels became known at this bar. */
  memory: MemoryCase[];
  account: SleeveAccount;
}

/** A sleeve run again over its bars did not reproduce what the session stored earlier. */
export class SessionDivergedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionDivergedError';
  }
}

/** The sleeve's account was wiped out at an earlier bar: its run ended there, as a backtest's does. */
export class SleeveEndedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SleeveEndedError';
  }
}

/** The fields fixed when an order is decided. */
const DECIDED: ReadonlyArray<keyof OrderRecord> = ['signalBar', 'signalTime', 'side', 'type', 'requestedQty', 'limit', 'stop', 'reason', 'tag'];
/** The fields fixed once an order has its outcome. */
const SETTLED: ReadonlyArray<keyof OrderRecord> = ['status', 'eventBar', 'eventTime', 'filledQty', 'price', 'commission', 'note'];

/**
 * What the newest bar of a sleeve's run added, checked against what was stored before it:
 * every stored order must come out of the run again as it was decided (and, once settled, as it
 * settled), and only the newest bar may decide new orders. A mismatch means the sleeve's inputs
 * or code changed under it; it is refused rather than stored beside a history it contradicts.
 */
export function sleeveStep(history: SleeveHistory, outcome: SleeveOutcome): SleeveStep {
  const { result, account } = outcome;
  const last = result.equity.length - 1;
  const time = result.time[last];
  const symbol = result.symbol;
  const orders = result.orders;
  const at = `${symbol} ${isoDay(time)}`;
  if (outcome.endedBefore) {
    throw new SleeveEndedError(`${symbol}: the account was wiped out at the close of ${isoDay(time)} (equity at or below zero); its run ended there, as a backtest's does`);
  }
  for (const stored of history.orders) {
    const now = orders[stored.id - 1];
    if (!now) throw new SessionDivergedError(`${at}: order ${stored.id} (decided ${isoDay(stored.signalTime)}) is no longer decided by the strategy`);
    const fields = stored.status === 'pending' ? DECIDED : [...DECIDED, ...SETTLED];
    for (const f of fields) {
      if (!Object.is(stored[f], now[f])) {
        throw new SessionDivergedError(`${at}: order ${stored.id} (decided ${isoDay(stored.signalTime)}) now has ${f} ${String(now[f])}, stored ${String(stored[f])}`);
      }
    }
  }
  const changed: OrderRecord[] = [];
  for (const order of orders) {
    const stored = history.orders[order.id - 1];
    if (stored === undefined) {
      if (order.signalTime !== time) {
        throw new SessionDivergedError(`${at}: order ${order.id} decided ${isoDay(order.signalTime)} was not stored when that bar was processed`);
      }
      changed.push(order);
    } else if (stored.status === 'pending' && order.status !== 'pending') {
      changed.push(order);
    }
  }
  const memory = result.memory;
  if (memory.length < history.memoryCases) {
    throw new SessionDivergedError(`${at}: ${memory.length} memory cases, ${history.memoryCases} stored before`);
  }
  return {
    symbol,
    time,
    orders: changed,
    equity: { time, equity: result.equity[last], cash: result.cash[last], position: result.position[last], close: result.close[last] },
    decisions: result.trace.filter((d) => d.time === time),
    memory: memory.slice(history.memoryCases),
    account,
  };
}
