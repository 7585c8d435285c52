import { BarSeries } from '../market/bar-series';
import { commissionFor } from './commission';
import { EngineConfig } from './engine-config';
import { OrderIntent, OrderReason, OrderRecord } from './orders';
import { Portfolio } from './portfolio';
import { affordableQty } from './sizing';

/**
 * The simulated broker: keeps pending orders and fills them against bars.
 * Market orders fill at the next bar's open (or this bar's close); limit and stop orders
 * when the bar's range reaches them, at the open if it gaps through.
 */
export class Broker {
  readonly orders: OrderRecord[] = [];
  private pending: PendingOrder[] = [];
  private readonly slip: number;

  constructor(
    private readonly bars: BarSeries,
    private readonly config: EngineConfig,
    readonly portfolio: Portfolio,
  ) {
    this.slip = config.slippageBps / 10_000;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Queues an order decided at bar t. */
  submit(intent: OrderIntent, t: number): void {
    const qty = intent.qty;
    if (!Number.isInteger(qty) || qty <= 0) {
      throw new Error(`order quantity must be a positive whole number of shares, got ${qty}`);
    }
    const type = intent.type ?? 'market';
    if (type === 'limit' && !(intent.limit! > 0)) throw new Error(`a limit order needs a positive limit price, got ${intent.limit}`);
    if (type === 'stop' && !(intent.stop! > 0)) throw new Error(`a stop order needs a positive stop price, got ${intent.stop}`);
    const record: OrderRecord = {
      id: this.orders.length + 1,
      signalBar: t,
      signalTime: this.bars.time[t],
      side: intent.side,
      type,
      requestedQty: qty,
      limit: intent.limit ?? NaN,
      stop: intent.stop ?? NaN,
      reason: intent.reason ?? 'signal',
      tag: intent.tag ?? '',
      status: 'pending',
      eventBar: -1,
      eventTime: NaN,
      filledQty: 0,
      price: NaN,
      commission: 0,
      note: '',
    };
    this.orders.push(record);
    this.pending.push({ record, stopLoss: intent.stopLoss ?? NaN, takeProfit: intent.takeProfit ?? NaN });
  }

  cancelPending(t: number, note = 'cancelled by strategy'): void {
    for (const p of this.pending) this.finish(p.record, 'cancelled', t, note);
    this.pending = [];
  }

  /** Start of bar t: optional pre-check, market orders at the open, then limit/stop orders. */
  processOpen(t: number): void {
    if (this.config.precheckAtSignalPrice) this.precheck(t);
    const open = this.bars.open[t];
    for (const p of this.pending) {
      if (p.record.type === 'market' && p.record.signalBar < t) this.execute(p, this.slipped(p.record.side, open), t);
    }
    const waiting: PendingOrder[] = [];
    for (const p of this.pending) {
      if (p.record.status !== 'pending') continue;
      const price = p.record.type === 'market' || p.record.signalBar >= t ? NaN : this.triggerPrice(p.record, t);
      if (Number.isNaN(price)) waiting.push(p);
      else this.execute(p, price, t);
    }
    this.pending = waiting;
  }

  /** End of bar t with `fillAt: 'close'`: market orders decided at t fill at t's close. */
  processClose(t: number): void {
    const close = this.bars.close[t];
    const left: PendingOrder[] = [];
    for (const p of this.pending) {
      if (p.record.type === 'market') this.execute(p, this.slipped(p.record.side, close), t);
      else left.push(p);
    }
    this.pending = left;
  }

  /** Intrabar check of the position's stop-loss and take-profit; a gap fills at the open. */
  checkExits(t: number): void {
    const pf = this.portfolio;
    const stop = pf.exitStop;
    const tp = pf.exitTakeProfit;
    const long = pf.qty > 0;
    const o = this.bars.open[t];
    const h = this.bars.high[t];
    const l = this.bars.low[t];
    let price = NaN;
    let reason: OrderReason = 'stop-loss';
    if (long) {
      if (o <= stop) price = o;
      else if (o >= tp) [price, reason] = [o, 'take-profit'];
      else if (l <= stop) price = stop;
      else if (h >= tp) [price, reason] = [tp, 'take-profit'];
    } else {
      if (o >= stop) price = o;
      else if (o <= tp) [price, reason] = [o, 'take-profit'];
      else if (h >= stop) price = stop;
      else if (l <= tp) [price, reason] = [tp, 'take-profit'];
    }
    if (Number.isNaN(price)) return;
    const side = long ? 'sell' : 'buy';
    if (reason === 'stop-loss') price = this.slipped(side, price);
    this.submit({ side, qty: Math.abs(pf.qty), reason, tag: `${reason} at ${reason === 'stop-loss' ? stop : tp}` }, t);
    this.execute(this.pending.pop()!, price, t);
  }

  /** Closes the whole position at bar t's close. */
  closePositionAtClose(t: number, reason: OrderReason): void {
    const qty = this.portfolio.qty;
    if (qty === 0) return;
    const side = qty > 0 ? 'sell' : 'buy';
    this.submit({ side, qty: Math.abs(qty), reason, tag: reason }, t);
    this.execute(this.pending.pop()!, this.slipped(side, this.bars.close[t]), t);
  }

  private triggerPrice(r: OrderRecord, t: number): number {
    const o = this.bars.open[t];
    const h = this.bars.high[t];
    const l = this.bars.low[t];
    if (r.type === 'limit') {
      if (r.side === 'buy') return o <= r.limit ? o : l <= r.limit ? r.limit : NaN;
      return o >= r.limit ? o : h >= r.limit ? r.limit : NaN;
    }
    if (r.side === 'buy') return o >= r.stop ? this.slipped('buy', o) : h >= r.stop ? this.slipped('buy', r.stop) : NaN;
    return o <= r.stop ? this.slipped('sell', o) : l <= r.stop ? this.slipped('sell', r.stop) : NaN;
  }

  private slipped(side: 'buy' | 'sell', price: number): number {
    return side === 'buy' ? price * (1 + this.slip) : price * (1 - this.slip);
  }

  /**
   * Walks the orders decided before bar t at their signal-bar close with a running copy of
   * cash and position, rejecting any that would take the running cash below zero.
   */
  private precheck(t: number): void {
    const pf = this.portfolio;
    let cash = pf.cash;
    let pos = pf.qty;
    for (const p of this.pending) {
      const r = p.record;
      if (r.signalBar >= t || r.type !== 'market') continue;
      const price = this.bars.close[r.signalBar];
      const dir = r.side === 'buy' ? 1 : -1;
      const closing = pos !== 0 && Math.sign(pos) !== dir ? Math.min(r.requestedQty, Math.abs(pos)) : 0;
      const opening = r.requestedQty - closing;
      let next = cash;
      if (closing > 0) next += closing * price - commissionFor(this.config.commission, closing, price);
      if (opening > 0) next -= opening * price + commissionFor(this.config.commission, opening, price);
      if (next < 0) {
        this.finish(r, 'rejected', t, 'margin: not enough cash at the signal price (pre-check)');
        continue;
      }
      cash = next;
      pos += dir * r.requestedQty;
    }
    this.pending = this.pending.filter((p) => p.record.status === 'pending');
  }

  /** Fills one order at `price` on bar t, applying the shorting and cash policies. */
  private execute(p: PendingOrder, price: number, t: number): void {
    const r = p.record;
    const pf = this.portfolio;
    const cfg = this.config;
    const dir: 1 | -1 = r.side === 'buy' ? 1 : -1;
    const closing = pf.qty !== 0 && Math.sign(pf.qty) !== dir ? Math.min(r.requestedQty, Math.abs(pf.qty)) : 0;
    let opening = r.requestedQty - closing;
    const notes: string[] = [];
    if (opening > 0 && dir < 0 && !cfg.allowShort) {
      notes.push(`${opening} shares not sold: shorting is off`);
      opening = 0;
    }
    if (opening > 0) {
      const allowed = this.affordableOpening(dir, closing, opening, price);
      if (allowed < opening) {
        if (cfg.onInsufficientCash === 'reject' || allowed === 0) {
          notes.push(`margin: ${opening} shares at ${price} exceed the cash`);
          opening = 0;
        } else {
          notes.push(`resized from ${opening} to ${allowed} shares to fit the cash`);
          opening = allowed;
        }
      }
    }
    const qty = closing + opening;
    if (qty === 0) {
      this.finish(r, 'rejected', t, notes.join('; '));
      return;
    }
    const commission = commissionFor(cfg.commission, qty, price);
    pf.applyFill(dir * qty, price, commission, t, this.bars.time[t], r.reason);
    if (opening > 0 && pf.qty !== 0 && (p.stopLoss > 0 || p.takeProfit > 0)) {
      const entry = pf.avgPrice;
      pf.exitStop = p.stopLoss > 0 ? entry * (1 - dir * p.stopLoss) : NaN;
      pf.exitTakeProfit = p.takeProfit > 0 ? entry * (1 + dir * p.takeProfit) : NaN;
    }
    r.filledQty = qty;
    r.price = price;
    r.commission = commission;
    this.finish(r, 'filled', t, notes.join('; '));
  }

  /** How many of `opening` shares the account can open after the closing part. */
  private affordableOpening(dir: 1 | -1, closing: number, opening: number, price: number): number {
    const pf = this.portfolio;
    const cfg = this.config;
    const closeFee = commissionFor(cfg.commission, closing, price);
    const cashAfterClose = pf.cash + (closing > 0 ? pf.closingCashFlow(closing, price) - closeFee : 0);
    if (dir > 0 || cfg.shortModel === 'cash-secured') {
      const fee = commissionFor(cfg.commission, opening, price);
      if (cashAfterClose - opening * price - fee >= 0) return opening;
      return cfg.onInsufficientCash === 'reject' ? 0 : affordableQty(cashAfterClose, price, opening, cfg.commission);
    }
    // Margin short: equity after the trade must cover shortMarginRate of the short's value.
    const equity = pf.equity(price) - closeFee;
    let n = Math.min(opening, Math.floor(equity / (cfg.shortMarginRate * price)));
    while (n > 0 && equity - commissionFor(cfg.commission, n, price) < cfg.shortMarginRate * n * price) n--;
    return Math.max(0, n);
  }

  private finish(r: OrderRecord, status: OrderRecord['status'], t: number, note: string): void {
    r.status = status;
    r.eventBar = t;
    r.eventTime = this.bars.time[t];
    r.note = note;
  }
}

interface PendingOrder {
  record: OrderRecord;
  stopLoss: number;
  takeProfit: number;
}
