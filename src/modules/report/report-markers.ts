import type { OrderRecord, Trade } from '../../core/engine/orders';
import type { RecordList } from '../../core/engine/record-list';
import { barDay, dayIndex, dayOf } from './report-days';
import type { ReportBars } from './run-report.types';

/** One fill drawn on the price chart. */
export interface TradeMarker {
  kind: 'entry' | 'exit';
  direction: 'long' | 'short';
  /** Index of the bar in the report's series. */
  index: number;
  date: string;
  /** Average fill price. */
  price: number;
  /** 1-based trade number (the trades table's #); 0 for the position still open at the end. */
  trade: number;
  qty: number;
  /** Exits: the trade's net P&L and return, and why it closed. */
  pnl?: number;
  returnPct?: number;
  reason?: string;
  /** The price is the bar's close, not the fill (no order record to read it from). */
  approximate?: boolean;
}

/** A position still open after the last bar (nothing closes it, e.g. the finsaber profile). */
export interface OpenPosition {
  direction: 'long' | 'short';
  index: number;
  date: string;
  price: number;
  qty: number;
  approximate: boolean;
}

export interface MarkerSet {
  markers: MarkerList;
  open: OpenPosition | null;
  /** Problems worth telling the reader (markers that could not be placed). */
  notes: string[];
}

/**
 * A run's markers in chart order (by bar; at one bar an exit before an entry), kept as the
 * trade, the side and the bar of each: a marker is made as it is read, so that a long run's
 * 55,552 markers are never objects all at once. `index` is the bar of each (writable: a report
 * drawing a sample of the bars moves each marker to its drawn bar).
 */
export class MarkerList implements RecordList<TradeMarker> {
  constructor(
    private readonly trades: RecordList<Trade>,
    private readonly open: OpenPosition | null,
    /** Per marker: its trade's position in `trades`, or −1 for the position still open. */
    private readonly tradeOf: Int32Array,
    /** Per marker: 1 for an exit. */
    private readonly exit: Uint8Array,
    readonly index: Int32Array,
  ) {}

  get length(): number {
    return this.index.length;
  }

  at(i: number): TradeMarker | undefined {
    if (!(i >= 0 && i < this.index.length)) return undefined;
    const k = this.tradeOf[i];
    if (k < 0) {
      const o = this.open!;
      return { kind: 'entry', direction: o.direction, index: this.index[i], date: o.date, price: o.price, trade: 0, qty: o.qty, approximate: o.approximate };
    }
    const tr = this.trades.at(k)!;
    if (!this.exit[i]) return { kind: 'entry', direction: tr.direction, index: this.index[i], date: dayOf(tr.entryTime), price: tr.entryPrice, trade: k + 1, qty: tr.qty };
    return {
      kind: 'exit', direction: tr.direction, index: this.index[i], date: dayOf(tr.exitTime), price: tr.exitPrice, trade: k + 1, qty: tr.qty,
      pnl: tr.pnl, returnPct: tr.returnPct, reason: tr.exitReason,
    };
  }
}

/** Entry and exit markers of every trade, plus the entry of a position still open at the end. */
export function tradeMarkers(bars: ReportBars, trades: RecordList<Trade>, orders?: RecordList<OrderRecord>): MarkerSet {
  const indexOf = dayIndex(bars.time);
  const notes: string[] = [];
  // Each marker as its trade, side and bar, in the order they are found.
  const tradeOf: number[] = [];
  const exit: number[] = [];
  const at: number[] = [];
  const add = (ofTrade: number, isExit: number, bar: number) => {
    tradeOf.push(ofTrade);
    exit.push(isExit);
    at.push(bar);
  };
  for (let k = 0; k < trades.length; k++) {
    const tr = trades.at(k)!;
    const trade = k + 1;
    const entry = indexOf.get(tr.entryTime);
    const exitBar = indexOf.get(tr.exitTime);
    if (entry === undefined) notes.push(`trade #${trade}: entry date ${dayOf(tr.entryTime)} is not a bar of the report; its entry marker is not drawn`);
    else add(k, 0, entry);
    if (exitBar === undefined) notes.push(`trade #${trade}: exit date ${dayOf(tr.exitTime)} is not a bar of the report; its exit marker is not drawn`);
    else add(k, 1, exitBar);
  }
  const open = openPosition(bars, orders);
  if (open) add(-1, 0, open.index);
  // By bar, an exit before an entry at one bar, else in the order found.
  const order = at.map((_, m) => m).sort((a, b) => at[a] - at[b] || exit[b] - exit[a] || a - b);
  const markers = new MarkerList(
    trades, open,
    Int32Array.from(order, (m) => tradeOf[m]),
    Uint8Array.from(order, (m) => exit[m]),
    Int32Array.from(order, (m) => at[m]),
  );
  return { markers, open, notes };
}

/** The position held at the last bar, from the bar where it was opened; null when flat. */
export function openPosition(bars: ReportBars, orders?: RecordList<OrderRecord>): OpenPosition | null {
  const pos = bars.position;
  const last = pos.length - 1;
  if (last < 0 || !(pos[last] !== 0) || !Number.isFinite(pos[last])) return null;
  const sign = Math.sign(pos[last]);
  let k = last;
  while (k > 0 && Math.sign(pos[k - 1]) === sign) k--;
  const direction = sign > 0 ? 'long' : 'short';
  const date = barDay(bars.time[k]);
  const side = sign > 0 ? 'buy' : 'sell';
  const fill = orders && findOrder(orders, (o) => o.status === 'filled' && o.side === side && o.filledQty > 0 && dayOf(o.eventTime) === date);
  return {
    direction,
    index: k,
    date,
    price: fill ? fill.price : bars.close[k],
    qty: Math.abs(pos[last]),
    approximate: !fill,
  };
}

/** The first order that `matches`, in order; undefined when none does. */
function findOrder(orders: RecordList<OrderRecord>, matches: (o: OrderRecord) => boolean): OrderRecord | undefined {
  for (let i = 0; i < orders.length; i++) {
    const o = orders.at(i)!;
    if (matches(o)) return o;
  }
  return undefined;
}
