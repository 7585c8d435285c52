import { growF64, growI32, growU8 } from './growable';
import type { LedgerColumns } from './backtest-result';
import { OrderReason, Trade } from './orders';
import { tradeRecords } from './record-list';

const REASONS: OrderReason[] = ['signal', 'stop-loss', 'take-profit', 'end-of-test', 'margin-call'];

/** Closed round trips as typed-array columns; `Trade` objects are built at the end of the run. */
export class TradeLog {
  count = 0;
  private long: Uint8Array<ArrayBuffer>;
  private entryBar: Int32Array<ArrayBuffer>;
  private entryTime: Float64Array<ArrayBuffer>;
  private entryPrice: Float64Array<ArrayBuffer>;
  private exitBar: Int32Array<ArrayBuffer>;
  private exitTime: Float64Array<ArrayBuffer>;
  private exitPrice: Float64Array<ArrayBuffer>;
  private maxQty: Float64Array<ArrayBuffer>;
  private qty: Float64Array<ArrayBuffer>;
  private pnl: Float64Array<ArrayBuffer>;
  private returnPct: Float64Array<ArrayBuffer>;
  private commission: Float64Array<ArrayBuffer>;
  private exitReason: Uint8Array<ArrayBuffer>;

  /** `capacity`: trades to make room for at once. */
  constructor(capacity = 32) {
    this.long = new Uint8Array(capacity);
    this.entryBar = new Int32Array(capacity);
    this.entryTime = new Float64Array(capacity);
    this.entryPrice = new Float64Array(capacity);
    this.exitBar = new Int32Array(capacity);
    this.exitTime = new Float64Array(capacity);
    this.exitPrice = new Float64Array(capacity);
    this.maxQty = new Float64Array(capacity);
    this.qty = new Float64Array(capacity);
    this.pnl = new Float64Array(capacity);
    this.returnPct = new Float64Array(capacity);
    this.commission = new Float64Array(capacity);
    this.exitReason = new Uint8Array(capacity);
  }

  add(t: Trade): void {
    const i = this.count++;
    if (i >= this.long.length) this.grow(i + 1);
    this.long[i] = t.direction === 'long' ? 1 : 0;
    this.entryBar[i] = t.entryBar;
    this.entryTime[i] = t.entryTime;
    this.entryPrice[i] = t.entryPrice;
    this.exitBar[i] = t.exitBar;
    this.exitTime[i] = t.exitTime;
    this.exitPrice[i] = t.exitPrice;
    this.maxQty[i] = t.maxQty;
    this.qty[i] = t.qty;
    this.pnl[i] = t.pnl;
    this.returnPct[i] = t.returnPct;
    this.commission[i] = t.commission;
    this.exitReason[i] = REASONS.indexOf(t.exitReason);
  }

  toTrades(): Trade[] {
    return tradeRecords(this.columns());
  }

  /** The log's columns (see LedgerColumns): views of its first `count` entries, read-only. */
  columns(): LedgerColumns['trades'] {
    const n = this.count;
    return {
      count: n,
      long: this.long.subarray(0, n),
      entryBar: this.entryBar.subarray(0, n),
      entryTime: this.entryTime.subarray(0, n),
      entryPrice: this.entryPrice.subarray(0, n),
      exitBar: this.exitBar.subarray(0, n),
      exitTime: this.exitTime.subarray(0, n),
      exitPrice: this.exitPrice.subarray(0, n),
      maxQty: this.maxQty.subarray(0, n),
      qty: this.qty.subarray(0, n),
      pnl: this.pnl.subarray(0, n),
      returnPct: this.returnPct.subarray(0, n),
      commission: this.commission.subarray(0, n),
      exitReason: this.exitReason.subarray(0, n),
      reasons: REASONS,
    };
  }

  private grow(need: number): void {
    this.long = growU8(this.long, need);
    this.entryBar = growI32(this.entryBar, need);
    this.entryTime = growF64(this.entryTime, need);
    this.entryPrice = growF64(this.entryPrice, need);
    this.exitBar = growI32(this.exitBar, need);
    this.exitTime = growF64(this.exitTime, need);
    this.exitPrice = growF64(this.exitPrice, need);
    this.maxQty = growF64(this.maxQty, need);
    this.qty = growF64(this.qty, need);
    this.pnl = growF64(this.pnl, need);
    this.returnPct = growF64(this.returnPct, need);
    this.commission = growF64(this.commission, need);
    this.exitReason = growU8(this.exitReason, need);
  }
}
