import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import type { ChunkedContent } from './artifact-content';
import { writeIsoDayAscii } from './iso-day-ascii';
import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from './number-ascii';
import { csvDate, csvDocument, csvNumber } from './csv';

/** Bytes of a block of equity.csv: the rows are written into it and it is handed on when full. */
const EQUITY_BLOCK_BYTES = 1 << 20;
/** A row's room at most: a date and five numbers with their separators. */
const EQUITY_ROW_MAX_BYTES = 10 + 5 * (1 + NUMBER_ASCII_MAX_BYTES) + 1;
const EQUITY_HEADER = 'date,equity,cash,position,close,interest\n';
const COMMA = 44;
const NEWLINE = 10;

/**
 * `equity.csv`: one row per window bar; `interest` is what the cash has earned up to that close.
 * A run may have a million bars: the rows are made a block at a time as the file is written
 * (dates and numbers never need quoting and are ASCII), never as a string per row or number.
 */
export function equityCsv(result: BacktestResult): ChunkedContent {
  return { chunks: () => equityCsvBlocks(result) };
}

function* equityCsvBlocks(result: BacktestResult): Generator<Uint8Array> {
  const { time, equity, cash, position, close, interest } = result;
  const size = Math.min(EQUITY_BLOCK_BYTES, EQUITY_HEADER.length + (equity.length + 1) * EQUITY_ROW_MAX_BYTES);
  const block = Buffer.allocUnsafe(size);
  let at = block.write(EQUITY_HEADER, 0, 'latin1');
  for (let i = 0; i < equity.length; i++) {
    if (at > size - EQUITY_ROW_MAX_BYTES) {
      yield block.subarray(0, at);
      at = 0;
    }
    const t = time[i];
    if (Number.isFinite(t) && t >= 0) at = writeIsoDayAscii(block, at, t);
    block[at++] = COMMA;
    at = csvNumberAscii(block, at, equity[i]);
    block[at++] = COMMA;
    at = csvNumberAscii(block, at, cash[i]);
    block[at++] = COMMA;
    at = csvNumberAscii(block, at, position[i]);
    block[at++] = COMMA;
    at = csvNumberAscii(block, at, close[i]);
    block[at++] = COMMA;
    at = csvNumberAscii(block, at, interest ? interest[i] : 0);
    block[at++] = NEWLINE;
  }
  if (at > 0) yield block.subarray(0, at);
}

/** {@link csvNumber} written into a buffer: NaN is an empty field. */
function csvNumberAscii(out: Uint8Array, at: number, n: number): number {
  return n === n ? writeNumberAscii(out, at, n) : at;
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
