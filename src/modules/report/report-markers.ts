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
  markers: TradeMarker[];
  open: OpenPosition | null;
  /** Problems worth telling the reader (markers that could not be placed). */
  notes: string[];
}

/** Entry and exit markers of every trade, plus the entry of a position still open at the end. */
export function tradeMarkers(bars: ReportBars, trades: RecordList<Trade>, orders?: RecordList<OrderRecord>): MarkerSet {
  const indexOf = dayIndex(bars.time);
  const markers: TradeMarker[] = [];
  const notes: string[] = [];
  for (let k = 0; k < trades.length; k++) {
    const tr = trades.at(k)!;
    const trade = k + 1;
    const entryDate = dayOf(tr.entryTime);
    const exitDate = dayOf(tr.exitTime);
    const entry = indexOf.get(tr.entryTime);
    const exit = indexOf.get(tr.exitTime);
    if (entry === undefined) notes.push(`trade #${trade}: entry date ${entryDate} is not a bar of the report; its entry marker is not drawn`);
    else markers.push({ kind: 'entry', direction: tr.direction, index: entry, date: entryDate, price: tr.entryPrice, trade, qty: tr.qty });
    if (exit === undefined) notes.push(`trade #${trade}: exit date ${exitDate} is not a bar of the report; its exit marker is not drawn`);
    else {
      markers.push({
        kind: 'exit', direction: tr.direction, index: exit, date: exitDate, price: tr.exitPrice, trade, qty: tr.qty,
        pnl: tr.pnl, returnPct: tr.returnPct, reason: tr.exitReason,
      });
    }
  }
  const open = openPosition(bars, orders);
  if (open) {
    markers.push({ kind: 'entry', direction: open.direction, index: open.index, date: open.date, price: open.price, trade: 0, qty: open.qty, approximate: open.approximate });
  }
  markers.sort((a, b) => a.index - b.index || (a.kind === b.kind ? 0 : a.kind === 'exit' ? -1 : 1));
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
