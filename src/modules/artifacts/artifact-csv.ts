import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { AsciiBufferBuilder } from './ascii-buffer.builder';
import { csvDate, csvDocument, csvNumber } from './csv';

/**
 * `equity.csv`: one row per window bar; `interest` is what the cash has earned up to that close.
 * A run may have a million bars: the rows go straight into one buffer (dates and numbers never
 * need quoting and are ASCII), sized from the length of the first rows.
 */
export function equityCsv(result: BacktestResult): Buffer {
  const n = result.equity.length;
  const line = (i: number): string => {
    const interest = csvNumber(result.interest ? result.interest[i] : 0);
    return `${csvDate(result.time[i])},${csvNumber(result.equity[i])},${csvNumber(result.cash[i])},${csvNumber(result.position[i])},${csvNumber(result.close[i])},${interest}\n`;
  };
  const header = 'date,equity,cash,position,close,interest\n';
  const sample = Math.min(n, 256);
  let first = header;
  for (let i = 0; i < sample; i++) first += line(i);
  const perRow = sample === 0 ? 0 : (first.length - header.length) / sample;
  const out = new AsciiBufferBuilder(first.length + perRow * (n - sample) * 1.1 + 4096);
  out.append(first);
  for (let i = sample; i < n; i++) out.append(line(i));
  return out.finish();
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
