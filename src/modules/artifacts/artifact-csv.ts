import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { csvDate, csvDocument, csvNumber } from './csv';

/** `equity.csv`: one row per window bar; `interest` is what the cash has earned up to that close. */
export function equityCsv(result: BacktestResult): string {
  // Written line by line: dates and numbers never need quoting, and a run may have a million bars.
  const lines: string[] = new Array(result.equity.length + 1);
  lines[0] = 'date,equity,cash,position,close,interest';
  for (let i = 0; i < result.equity.length; i++) {
    const interest = csvNumber(result.interest ? result.interest[i] : 0);
    lines[i + 1] = `${csvDate(result.time[i])},${csvNumber(result.equity[i])},${csvNumber(result.cash[i])},${csvNumber(result.position[i])},${csvNumber(result.close[i])},${interest}`;
  }
  return `${lines.join('\n')}\n`;
}

/** `trades.csv`: one row per round trip. */
export function tradesCsv(trades: readonly Trade[]): string {
  const header = [
    'entry_date', 'exit_date', 'direction', 'qty', 'entry_price', 'exit_price',
    'pnl', 'return_pct', 'commission', 'exit_reason', 'bars_held',
  ];
  const rows = trades.map((t) => [
    csvDate(t.entryTime),
    csvDate(t.exitTime),
    t.direction,
    csvNumber(t.qty),
    csvNumber(t.entryPrice),
    csvNumber(t.exitPrice),
    csvNumber(t.pnl),
    csvNumber(t.returnPct),
    csvNumber(t.commission),
    t.exitReason,
    String(t.barsHeld),
  ]);
  return csvDocument(header, rows);
}

/** `orders.csv`: one row per order, whatever its outcome. */
export function ordersCsv(orders: readonly OrderRecord[]): string {
  const header = [
    'id', 'signal_bar', 'signal_date', 'side', 'type', 'requested_qty', 'limit', 'stop', 'reason', 'tag',
    'status', 'event_bar', 'event_date', 'filled_qty', 'price', 'commission', 'note',
  ];
  const rows = orders.map((o) => [
    String(o.id),
    String(o.signalBar),
    csvDate(o.signalTime),
    o.side,
    o.type,
    csvNumber(o.requestedQty),
    csvNumber(o.limit),
    csvNumber(o.stop),
    o.reason,
    o.tag,
    o.status,
    String(o.eventBar),
    o.eventBar >= 0 ? csvDate(o.eventTime) : '',
    csvNumber(o.filledQty),
    csvNumber(o.price),
    csvNumber(o.commission),
    o.note,
  ]);
  return csvDocument(header, rows);
}
