import { OrderReason } from './orders';
import { TradeLog } from './trade-log';

/**
 * Cash, one symbol's position and the round-trip ledger.
 *
 * Invariant: equity = cash + marked position value. In the `margin` short model a short
 * sale credits cash and the position is marked at −|qty|×price; in the `cash-secured` model
 * a short debits cash like a purchase and is marked at |qty|×(2×avgPrice − price). Both give
 * the same equity; they differ in how much cash is left to spend.
 */
export class Portfolio {
  cash: number;
  qty = 0;
  avgPrice = NaN;
  /** Protective exit prices of the open position (NaN when none). */
  exitStop = NaN;
  exitTakeProfit = NaN;
  /** Interest credited on free cash so far. */
  interest = 0;
  /** Borrow fees charged on shorts so far. */
  borrowFees = 0;
  readonly trades: TradeLog;
  // The open round trip, kept in fields rather than an object (no allocation per trade).
  private openDir: 0 | 1 | -1 = 0;
  private entryBar = 0;
  private entryTime = 0;
  private entryQty = 0;
  private entryCost = 0;
  private exitQty = 0;
  private exitValue = 0;
  private grossPnl = 0;
  private fees = 0;
  private maxQty = 0;

  /** `tradeCapacity`: round trips to make room for at once. */
  constructor(initialCash: number, private readonly shortModel: 'margin' | 'cash-secured', tradeCapacity = 32) {
    this.cash = initialCash;
    this.trades = new TradeLog(tradeCapacity);
  }

  /** Cash + position marked at `price`. */
  equity(price: number): number {
    if (this.qty >= 0) return this.cash + this.qty * price;
    if (this.shortModel === 'margin') return this.cash + this.qty * price;
    return this.cash - this.qty * (2 * this.avgPrice - price);
  }

  /**
   * Credits `rate` (per bar) on the free cash: the balance less the proceeds of an open margin
   * short (worth its shares at `price`). A free balance at or below zero earns and pays nothing.
   */
  creditInterest(rate: number, price: number): void {
    const free = this.qty < 0 && this.shortModel === 'margin' ? this.cash + this.qty * price : this.cash;
    if (!(free > 0)) return;
    const amount = free * rate;
    this.cash += amount;
    this.interest += amount;
  }

  /** Charges `rate` (per bar) on the value of an open short at `price`. */
  chargeBorrowFee(rate: number, price: number): void {
    if (this.qty >= 0) return;
    const fee = -this.qty * price * rate;
    this.cash -= fee;
    this.borrowFees += fee;
  }

  /** Cash change of closing `q` shares of the current position at `price` (before commission). */
  closingCashFlow(q: number, price: number): number {
    if (this.qty > 0 || this.shortModel === 'margin') return this.qty > 0 ? q * price : -q * price;
    return q * (2 * this.avgPrice - price);
  }

  /** Cash change of opening `q` shares in direction `dir` at `price` (before commission). */
  openingCashFlow(dir: 1 | -1, q: number, price: number): number {
    return dir < 0 && this.shortModel === 'margin' ? q * price : -q * price;
  }

  /**
   * Applies one execution: `delta` signed shares at `price`, `commission` for the whole
   * execution. Closes first (against the average price), then opens any remainder.
   */
  applyFill(delta: number, price: number, commission: number, bar: number, time: number, reason: OrderReason): void {
    const q = Math.abs(delta);
    if (q === 0) return;
    const dir: 1 | -1 = delta > 0 ? 1 : -1;
    const closing = this.qty !== 0 && Math.sign(this.qty) !== dir ? Math.min(q, Math.abs(this.qty)) : 0;
    const opening = q - closing;
    if (closing > 0) {
      const fee = (commission * closing) / q;
      this.cash += this.closingCashFlow(closing, price) - fee;
      const pnl = closing * (price - this.avgPrice) * Math.sign(this.qty);
      this.qty += dir * closing;
      this.recordExit(closing, price, pnl, fee, bar, time, reason);
    }
    if (opening > 0) {
      const fee = (commission * opening) / q;
      this.cash += this.openingCashFlow(dir, opening, price) - fee;
      const held = Math.abs(this.qty);
      this.avgPrice = held === 0 ? price : (this.avgPrice * held + price * opening) / (held + opening);
      this.qty += dir * opening;
      this.recordEntry(dir, opening, price, fee, bar, time);
    }
  }

  private recordEntry(dir: 1 | -1, q: number, price: number, fee: number, bar: number, time: number): void {
    if (this.openDir === 0) {
      this.openDir = dir;
      this.entryBar = bar;
      this.entryTime = time;
      this.entryQty = this.entryCost = this.exitQty = this.exitValue = this.grossPnl = this.fees = this.maxQty = 0;
    }
    this.entryQty += q;
    this.entryCost += q * price;
    this.fees += fee;
    this.maxQty = Math.max(this.maxQty, Math.abs(this.qty));
  }

  private recordExit(q: number, price: number, pnl: number, fee: number, bar: number, time: number, reason: OrderReason): void {
    if (this.openDir === 0) return;
    this.exitQty += q;
    this.exitValue += q * price;
    this.grossPnl += pnl;
    this.fees += fee;
    if (this.qty !== 0) return;
    const netPnl = this.grossPnl - this.fees;
    this.trades.add({
      direction: this.openDir > 0 ? 'long' : 'short',
      entryBar: this.entryBar,
      entryTime: this.entryTime,
      entryPrice: this.entryCost / this.entryQty,
      exitBar: bar,
      exitTime: time,
      exitPrice: this.exitValue / this.exitQty,
      maxQty: this.maxQty,
      qty: this.entryQty,
      pnl: netPnl,
      returnPct: netPnl / this.entryCost,
      commission: this.fees,
      exitReason: reason,
      barsHeld: bar - this.entryBar,
    });
    this.openDir = 0;
    this.avgPrice = NaN;
    this.exitStop = NaN;
    this.exitTakeProfit = NaN;
  }
}
