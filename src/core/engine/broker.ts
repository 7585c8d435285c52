import { BarSeries } from '../market/bar-series';
import { commissionFor } from './commission';
import { BARS_PER_YEAR, EngineConfig } from './engine-config';
import { BUY, CANCELLED, FILLED, LIMIT, MARKET, OrderLog, PENDING, REJECTED, SELL } from './order-log';
import { OrderIntent, OrderReason } from './orders';
import { Portfolio } from './portfolio';
import { affordableQty } from './sizing';

/**
 * The simulated broker: keeps pending orders and fills them against bars.
 * Market orders fill at the next bar's open (or this bar's close); limit and stop orders
 * when the bar's range reaches them, at the open if it gaps through.
 * Orders live in an OrderLog (columns); the pending list holds their indices.
 */
export class Broker {
  readonly log: OrderLog;
  private readonly pending: number[] = [];
  private readonly slip: number;
  /** The cash rate and the borrow fee per bar. */
  private readonly cashRateBar: number;
  private readonly borrowFeeBar: number;
  /** Whether anything accrues from bar to bar (the loop asks before calling `accrue`). */
  readonly accrues: boolean;
  /** Whether the free cash earns interest (else the run's interest stays 0 and no column of it is kept). */
  readonly earnsInterest: boolean;

  constructor(
    private readonly bars: BarSeries,
    private readonly config: EngineConfig,
    readonly portfolio: Portfolio,
  ) {
    this.slip = config.slippageBps / 10_000;
    this.cashRateBar = perBar(config.cashRate ?? 0);
    this.borrowFeeBar = config.allowShort ? perBar(config.borrowFeeRate ?? 0) : 0;
    this.accrues = this.cashRateBar !== 0 || this.borrowFeeBar !== 0;
    this.earnsInterest = this.cashRateBar !== 0;
    // Room for an order every other bar (an active daily strategy's pace, reached without
    // regrowing), up to 4,096 orders; a long series of few orders grows as it needs.
    this.log = new OrderLog(Math.min(4096, Math.max(64, bars.length >> 1)));
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Queues an order decided at bar t; returns its index in the log. */
  submit(intent: OrderIntent, t: number): number {
    const qty = intent.qty;
    if (!Number.isInteger(qty) || qty <= 0) {
      throw new Error(`order quantity must be a positive whole number of shares, got ${qty}`);
    }
    const type = intent.type ?? 'market';
    if (type === 'limit' && !(intent.limit! > 0)) throw new Error(`a limit order needs a positive limit price, got ${intent.limit}`);
    if (type === 'stop' && !(intent.stop! > 0)) throw new Error(`a stop order needs a positive stop price, got ${intent.stop}`);
    const i = this.log.add(
      t,
      this.bars.time[t],
      intent.side,
      type,
      qty,
      intent.limit ?? NaN,
      intent.stop ?? NaN,
      intent.reason ?? 'signal',
      intent.tag ?? '',
      intent.stopLoss ?? NaN,
      intent.takeProfit ?? NaN,
    );
    this.pending.push(i);
    return i;
  }

  cancelPending(t: number, note = 'cancelled by strategy'): void {
    for (const i of this.pending) this.finish(i, CANCELLED, t, note);
    this.pending.length = 0;
  }

  /**
   * Start of bar t: the cash held since the previous close (the initial cash before the
   * window's first bar, as the metrics count it) earns the cash rate for one bar.
   */
  accrue(t: number): void {
    const previous = this.bars.close[t > 0 ? t - 1 : 0];
    if (this.cashRateBar !== 0) this.portfolio.creditInterest(this.cashRateBar, previous);
    if (this.borrowFeeBar !== 0) this.portfolio.chargeBorrowFee(this.borrowFeeBar, previous);
  }

  /**
   * End of bar t, margin model: a short whose equity no longer covers the maintenance margin of
   * its value at the close is bought in whole at that close (reason `margin-call`).
   */
  checkMaintenance(t: number): void {
    const pf = this.portfolio;
    if (pf.qty >= 0 || this.config.shortModel !== 'margin' || !(this.config.maintenanceMarginRate > 0)) return;
    const close = this.bars.close[t];
    const value = -pf.qty * close;
    const equity = pf.equity(close);
    if (equity >= this.config.maintenanceMarginRate * value) return;
    const note = `equity ${equity.toFixed(2)} below ${(this.config.maintenanceMarginRate * 100).toFixed(0)}% of the short's value ${value.toFixed(2)}`;
    this.submit({ side: 'buy', qty: -pf.qty, reason: 'margin-call', tag: `margin call: ${note}` }, t);
    this.execute(this.pending.pop()!, this.slipped(BUY, close), t);
  }

  /** Start of bar t: optional pre-check, market orders at the open, then limit/stop orders. */
  processOpen(t: number): void {
    if (this.config.precheckAtSignalPrice) this.precheck(t);
    const log = this.log;
    const pending = this.pending;
    const open = this.bars.open[t];
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k];
      if (log.type[i] === MARKET && log.signalBar[i] < t) this.execute(i, this.slipped(log.side[i], open), t);
    }
    // Compact in place: no allocation per bar.
    let kept = 0;
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k];
      if (log.status[i] !== PENDING) continue;
      const price = log.type[i] === MARKET || log.signalBar[i] >= t ? NaN : this.triggerPrice(i, t);
      if (Number.isNaN(price)) pending[kept++] = i;
      else this.execute(i, price, t);
    }
    pending.length = kept;
  }

  /** End of bar t with `fillAt: 'close'`: market orders decided at t fill at t's close. */
  processClose(t: number): void {
    const close = this.bars.close[t];
    const pending = this.pending;
    let kept = 0;
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k];
      if (this.log.type[i] === MARKET) this.execute(i, this.slipped(this.log.side[i], close), t);
      else pending[kept++] = i;
    }
    pending.length = kept;
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
    if (reason === 'stop-loss') price = this.slipped(long ? SELL : BUY, price);
    this.submit({ side, qty: Math.abs(pf.qty), reason, tag: `${reason} at ${reason === 'stop-loss' ? stop : tp}` }, t);
    this.execute(this.pending.pop()!, price, t);
  }

  /** Closes the whole position at bar t's close. */
  closePositionAtClose(t: number, reason: OrderReason): void {
    const qty = this.portfolio.qty;
    if (qty === 0) return;
    const side = qty > 0 ? 'sell' : 'buy';
    this.submit({ side, qty: Math.abs(qty), reason, tag: reason }, t);
    this.execute(this.pending.pop()!, this.slipped(qty > 0 ? SELL : BUY, this.bars.close[t]), t);
  }

  private triggerPrice(i: number, t: number): number {
    const log = this.log;
    const o = this.bars.open[t];
    const h = this.bars.high[t];
    const l = this.bars.low[t];
    const buy = log.side[i] === BUY;
    if (log.type[i] === LIMIT) {
      const limit = log.limit[i];
      if (buy) return o <= limit ? o : l <= limit ? limit : NaN;
      return o >= limit ? o : h >= limit ? limit : NaN;
    }
    const stop = log.stop[i];
    if (buy) return o >= stop ? this.slipped(BUY, o) : h >= stop ? this.slipped(BUY, stop) : NaN;
    return o <= stop ? this.slipped(SELL, o) : l <= stop ? this.slipped(SELL, stop) : NaN;
  }

  /** Moves a price against the trader: buys (side 0) up, sells (side 1) down. */
  private slipped(side: number, price: number): number {
    return side === BUY ? price * (1 + this.slip) : price * (1 - this.slip);
  }

  /**
   * Walks the orders decided before bar t at their signal-bar close with a running copy of
   * cash and position, rejecting any that would take the running cash below zero.
   */
  private precheck(t: number): void {
    const log = this.log;
    const pf = this.portfolio;
    let cash = pf.cash;
    let pos = pf.qty;
    for (const i of this.pending) {
      if (log.signalBar[i] >= t || log.type[i] !== MARKET) continue;
      const price = this.bars.close[log.signalBar[i]];
      const dir = log.side[i] === BUY ? 1 : -1;
      const qty = log.requestedQty[i];
      const closing = pos !== 0 && Math.sign(pos) !== dir ? Math.min(qty, Math.abs(pos)) : 0;
      const opening = qty - closing;
      let next = cash;
      if (closing > 0) next += closing * price - commissionFor(this.config.commission, closing, price);
      if (opening > 0) next -= opening * price + commissionFor(this.config.commission, opening, price);
      if (next < 0) {
        this.finish(i, REJECTED, t, 'margin: not enough cash at the signal price (pre-check)');
        continue;
      }
      cash = next;
      pos += dir * qty;
    }
    let kept = 0;
    for (const i of this.pending) if (log.status[i] === PENDING) this.pending[kept++] = i;
    this.pending.length = kept;
  }

  /** Fills order i at `price` on bar t, applying the shorting and cash policies. */
  private execute(i: number, price: number, t: number): void {
    const log = this.log;
    const pf = this.portfolio;
    const cfg = this.config;
    const dir: 1 | -1 = log.side[i] === BUY ? 1 : -1;
    const requested = log.requestedQty[i];
    const closing = pf.qty !== 0 && Math.sign(pf.qty) !== dir ? Math.min(requested, Math.abs(pf.qty)) : 0;
    let opening = requested - closing;
    let note = '';
    if (opening > 0 && dir < 0 && !cfg.allowShort) {
      note = `${opening} shares not sold: shorting is off`;
      opening = 0;
    }
    if (opening > 0) {
      const allowed = this.affordableOpening(dir, closing, opening, price);
      if (allowed < opening) {
        if (cfg.onInsufficientCash === 'reject' || allowed === 0) {
          note = joinNote(note, `margin: ${opening} shares at ${price} exceed the cash`);
          opening = 0;
        } else {
          note = joinNote(note, `resized from ${opening} to ${allowed} shares to fit the cash`);
          opening = allowed;
        }
      }
    }
    const qty = closing + opening;
    if (qty === 0) {
      this.finish(i, REJECTED, t, note);
      return;
    }
    const commission = commissionFor(cfg.commission, qty, price);
    pf.applyFill(dir * qty, price, commission, t, this.bars.time[t], log.reasonOf(i));
    const stopLoss = log.stopLoss[i];
    const takeProfit = log.takeProfit[i];
    if (opening > 0 && pf.qty !== 0 && (stopLoss > 0 || takeProfit > 0)) {
      const entry = pf.avgPrice;
      pf.exitStop = stopLoss > 0 ? entry * (1 - dir * stopLoss) : NaN;
      pf.exitTakeProfit = takeProfit > 0 ? entry * (1 + dir * takeProfit) : NaN;
    }
    log.filledQty[i] = qty;
    log.price[i] = price;
    log.commission[i] = commission;
    this.finish(i, FILLED, t, note);
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
    // Margin short: equity after the trade must cover shortMarginRate of the whole short's value
    // (the shares already short and the new ones).
    const held = pf.qty < 0 ? -pf.qty : 0;
    const equity = pf.equity(price) - closeFee;
    let n = Math.min(opening, Math.floor(equity / (cfg.shortMarginRate * price)) - held);
    while (n > 0 && equity - commissionFor(cfg.commission, n, price) < cfg.shortMarginRate * (held + n) * price) n--;
    return Math.max(0, n);
  }

  private finish(i: number, status: number, t: number, note: string): void {
    const log = this.log;
    log.status[i] = status;
    log.eventBar[i] = t;
    log.eventTime[i] = this.bars.time[t];
    if (note) log.setNote(i, note);
  }
}

/** An annual rate as the rate of one bar, compounding to it over a year of bars. */
function perBar(annual: number): number {
  return annual === 0 ? 0 : Math.pow(1 + annual, 1 / BARS_PER_YEAR) - 1;
}

function joinNote(note: string, more: string): string {
  return note ? `${note}; ${more}` : more;
}
