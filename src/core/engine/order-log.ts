import { growF64, growI32, growU8, StringTable } from './growable';
import type { LedgerColumns } from './backtest-result';
import { OrderReason, OrderRecord, OrderStatus, OrderType, Side } from './orders';
import { orderRecords } from './record-list';

const SIDES: Side[] = ['buy', 'sell'];
const TYPES: OrderType[] = ['market', 'limit', 'stop'];
const REASONS: OrderReason[] = ['signal', 'stop-loss', 'take-profit', 'end-of-test', 'margin-call'];
const STATUSES: OrderStatus[] = ['pending', 'filled', 'rejected', 'cancelled'];

export const BUY = 0;
export const SELL = 1;
export const MARKET = 0;
export const LIMIT = 1;
export const STOP = 2;
export const PENDING = 0;
export const FILLED = 1;
export const REJECTED = 2;
export const CANCELLED = 3;

/**
 * Every order of a run as typed-array columns, indexed by order number (0-based). The broker
 * works on indices; `OrderRecord` objects are built once, at the end of the run, so a run with
 * many orders keeps no long-lived objects in the young generation while it runs.
 */
export class OrderLog {
  count = 0;
  signalBar: Int32Array<ArrayBuffer>;
  signalTime: Float64Array<ArrayBuffer>;
  side: Uint8Array<ArrayBuffer>;
  type: Uint8Array<ArrayBuffer>;
  requestedQty: Float64Array<ArrayBuffer>;
  limit: Float64Array<ArrayBuffer>;
  stop: Float64Array<ArrayBuffer>;
  reason: Uint8Array<ArrayBuffer>;
  tag: Int32Array<ArrayBuffer>;
  status: Uint8Array<ArrayBuffer>;
  eventBar: Int32Array<ArrayBuffer>;
  eventTime: Float64Array<ArrayBuffer>;
  filledQty: Float64Array<ArrayBuffer>;
  price: Float64Array<ArrayBuffer>;
  commission: Float64Array<ArrayBuffer>;
  note: Int32Array<ArrayBuffer>;
  /** Protective exits to attach when the order opens a position (fractions of the fill price). */
  stopLoss: Float64Array<ArrayBuffer>;
  takeProfit: Float64Array<ArrayBuffer>;
  private readonly strings = new StringTable();

  /**
   * `capacity`: orders to make room for at once (a typed array is costly to allocate: a run
   * that knows roughly how many orders it makes should not double its way up to them).
   */
  constructor(capacity = 64) {
    this.signalBar = new Int32Array(capacity);
    this.signalTime = new Float64Array(capacity);
    this.side = new Uint8Array(capacity);
    this.type = new Uint8Array(capacity);
    this.requestedQty = new Float64Array(capacity);
    this.limit = new Float64Array(capacity);
    this.stop = new Float64Array(capacity);
    this.reason = new Uint8Array(capacity);
    this.tag = new Int32Array(capacity);
    this.status = new Uint8Array(capacity);
    this.eventBar = new Int32Array(capacity);
    this.eventTime = new Float64Array(capacity);
    this.filledQty = new Float64Array(capacity);
    this.price = new Float64Array(capacity);
    this.commission = new Float64Array(capacity);
    this.note = new Int32Array(capacity);
    this.stopLoss = new Float64Array(capacity);
    this.takeProfit = new Float64Array(capacity);
  }

  /** Appends a pending order and returns its index. */
  add(signalBar: number, signalTime: number, side: Side, type: OrderType, qty: number, limit: number, stop: number, reason: OrderReason, tag: string, stopLoss: number, takeProfit: number): number {
    const i = this.count++;
    if (i >= this.signalBar.length) this.grow(i + 1);
    this.signalBar[i] = signalBar;
    this.signalTime[i] = signalTime;
    this.side[i] = side === 'buy' ? BUY : SELL;
    this.type[i] = TYPES.indexOf(type);
    this.requestedQty[i] = qty;
    this.limit[i] = limit;
    this.stop[i] = stop;
    this.reason[i] = REASONS.indexOf(reason);
    this.tag[i] = this.strings.id(tag);
    this.status[i] = PENDING;
    this.eventBar[i] = -1;
    this.eventTime[i] = NaN;
    this.filledQty[i] = 0;
    this.price[i] = NaN;
    this.commission[i] = 0;
    this.note[i] = this.strings.id('');
    this.stopLoss[i] = stopLoss;
    this.takeProfit[i] = takeProfit;
    return i;
  }

  setNote(i: number, note: string): void {
    this.note[i] = this.strings.id(note);
  }

  /** The orders as records, in submission order (ids are 1-based). */
  toRecords(): OrderRecord[] {
    return orderRecords(this.columns());
  }

  /** The log's columns (see LedgerColumns): views of its first `count` entries, read-only. */
  columns(): LedgerColumns['orders'] {
    const n = this.count;
    return {
      count: n,
      signalBar: this.signalBar.subarray(0, n),
      signalTime: this.signalTime.subarray(0, n),
      side: this.side.subarray(0, n),
      sides: SIDES,
      type: this.type.subarray(0, n),
      types: TYPES,
      requestedQty: this.requestedQty.subarray(0, n),
      limit: this.limit.subarray(0, n),
      stop: this.stop.subarray(0, n),
      reason: this.reason.subarray(0, n),
      reasons: REASONS,
      tag: this.tag.subarray(0, n),
      status: this.status.subarray(0, n),
      statuses: STATUSES,
      eventBar: this.eventBar.subarray(0, n),
      eventTime: this.eventTime.subarray(0, n),
      filledQty: this.filledQty.subarray(0, n),
      price: this.price.subarray(0, n),
      commission: this.commission.subarray(0, n),
      note: this.note.subarray(0, n),
      strings: this.strings.values,
    };
  }

  reasonOf(i: number): OrderReason {
    return REASONS[this.reason[i]];
  }

  private grow(need: number): void {
    this.signalBar = growI32(this.signalBar, need);
    this.signalTime = growF64(this.signalTime, need);
    this.side = growU8(this.side, need);
    this.type = growU8(this.type, need);
    this.requestedQty = growF64(this.requestedQty, need);
    this.limit = growF64(this.limit, need);
    this.stop = growF64(this.stop, need);
    this.reason = growU8(this.reason, need);
    this.tag = growI32(this.tag, need);
    this.status = growU8(this.status, need);
    this.eventBar = growI32(this.eventBar, need);
    this.eventTime = growF64(this.eventTime, need);
    this.filledQty = growF64(this.filledQty, need);
    this.price = growF64(this.price, need);
    this.commission = growF64(this.commission, need);
    this.note = growI32(this.note, need);
    this.stopLoss = growF64(this.stopLoss, need);
    this.takeProfit = growF64(this.takeProfit, need);
  }
}
