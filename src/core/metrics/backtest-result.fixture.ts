import { BacktestResult } from '../engine/backtest-result';
import { OrderRecord, OrderStatus, Trade } from '../engine/orders';

/** Builders of minimal engine records for the metric specs. */

/** A result whose only meaningful content is its equity curve and the given extras. */
export function resultFromEquity(
  equity: number[],
  extras: Partial<Pick<BacktestResult, 'initialCash' | 'activeFrom' | 'orders' | 'trades'>> & { position?: number[] } = {},
): BacktestResult {
  const n = equity.length;
  return {
    symbol: 'TEST',
    startBar: 0,
    endBar: n,
    initialCash: extras.initialCash ?? 100,
    time: Float64Array.from({ length: n }, (_, i) => i * 86_400_000),
    equity: Float64Array.from(equity),
    cash: Float64Array.from(equity),
    position: Float64Array.from(extras.position ?? new Array<number>(n).fill(0)),
    close: new Float64Array(n).fill(1),
    tradingDay: new Uint8Array(n).fill(1),
    activeFrom: extras.activeFrom ?? 0,
    orders: extras.orders ?? [],
    trades: extras.trades ?? [],
    trace: [],
    memory: [],
    notes: [],
  };
}

/** A long round trip with the given pnl and holding time. */
export function trade(pnl: number, barsHeld: number): Trade {
  return {
    direction: 'long', entryBar: 0, entryTime: 0, entryPrice: 10, exitBar: barsHeld, exitTime: 0, exitPrice: 10,
    maxQty: 1, qty: 1, pnl, returnPct: pnl / 10, commission: 0, exitReason: 'signal', barsHeld,
  };
}

/** An order record with the given outcome. */
export function order(status: OrderStatus, filledQty: number, price: number, side: 'buy' | 'sell' = 'buy'): OrderRecord {
  return {
    id: 0, signalBar: 0, signalTime: 0, side, type: 'market', requestedQty: filledQty, limit: NaN, stop: NaN,
    reason: 'signal', tag: '', status, eventBar: 1, eventTime: 0, filledQty, price, commission: 0, note: '',
  };
}
