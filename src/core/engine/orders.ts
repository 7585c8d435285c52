/** Orders, fills and round-trip trades: the engine's immutable records. */

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';

/**
 * Why an order exists: the strategy's signal, a risk exit, the end of the test, or a short the
 * broker bought in because the equity no longer covered its maintenance margin.
 */
export type OrderReason = 'signal' | 'stop-loss' | 'take-profit' | 'end-of-test' | 'margin-call';

/** What a strategy asks for. Quantities are positive integers of shares. */
export interface OrderIntent {
  side: Side;
  qty: number;
  type?: OrderType;
  /** Limit price (limit orders). */
  limit?: number;
  /** Trigger price (stop orders). */
  stop?: number;
  reason?: OrderReason;
  /** Protective stop as a fraction below (long) or above (short) the entry fill price. */
  stopLoss?: number;
  /** Take-profit as a fraction above (long) or below (short) the entry fill price. */
  takeProfit?: number;
  /** Free text recorded with the order (e.g. "sma10 crossed above sma20"). */
  tag?: string;
}

/** `pending` only while the order is live; a finished run holds no pending order. */
export type OrderStatus = 'pending' | 'filled' | 'rejected' | 'cancelled';

/** One order from submission to its outcome. */
export interface OrderRecord {
  id: number;
  /** Bar index (in the engine's series) at which the order was decided. */
  signalBar: number;
  signalTime: number;
  side: Side;
  type: OrderType;
  requestedQty: number;
  limit: number;
  stop: number;
  reason: OrderReason;
  tag: string;
  status: OrderStatus;
  /** Bar index of the fill or rejection, -1 while pending. */
  eventBar: number;
  eventTime: number;
  filledQty: number;
  price: number;
  commission: number;
  /** Why it was rejected or resized (empty when filled as asked). */
  note: string;
}

/** A round trip: from a flat position to flat again, possibly over several fills. */
export interface Trade {
  direction: 'long' | 'short';
  entryBar: number;
  entryTime: number;
  entryPrice: number;
  exitBar: number;
  exitTime: number;
  exitPrice: number;
  /** Largest absolute position held during the trade. */
  maxQty: number;
  /** Shares traded in (summed over entry fills). */
  qty: number;
  pnl: number;
  /** P&L over the capital committed at entry (qty × entry price). */
  returnPct: number;
  commission: number;
  exitReason: OrderReason;
  barsHeld: number;
}
