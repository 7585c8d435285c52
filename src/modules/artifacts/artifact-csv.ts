import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import type { RecordList } from '../../core/engine/record-list';
import type { ChunkedContent } from './artifact-content';
import { writeIsoDayAscii } from './iso-day-ascii';
import { NUMBER_ASCII_MAX_BYTES, writeNumberAscii } from './number-ascii';
import { csvBlocks, DATE_FIELD_BYTES, NUMBER_FIELD_BYTES, textFieldBytes } from './csv-blocks.writer';
import { EQUITY_CSV_THREAD_ROWS, writeEquityCsvOnThread } from './equity-csv.thread';

/** Bytes of a block of equity.csv: the rows are written into it and it is handed on when full. */
export const EQUITY_BLOCK_BYTES = 1 << 20;
/** A row's room at most: a date and five numbers with their separators. */
const EQUITY_ROW_MAX_BYTES = 10 + 5 * (1 + NUMBER_ASCII_MAX_BYTES) + 1;
const EQUITY_HEADER = 'date,equity,cash,position,close,interest\n';
const COMMA = 44;
const NEWLINE = 10;

/**
 * `equity.csv`: one row per window bar; `interest` is what the cash has earned up to that close.
 * A run may have a million bars: the rows are made a block at a time as the file is written
 * (dates and numbers never need quoting and are ASCII), never as a string per row or number.
 * A long run's file is written on a thread of its own, which makes the run's stored equity
 * block from the same rows when asked (`storedBlock`, see writeEquityCsvOnThread).
 */
export function equityCsv(result: EquityCsvColumns, options: { storedBlock?: (block: Promise<Buffer[]>) => void } = {}): ChunkedContent {
  return {
    chunks: () => equityCsvBlocks(result),
    ...(result.equity.length >= EQUITY_CSV_THREAD_ROWS && { writeTo: (fd: number) => writeEquityCsvOnThread(fd, result, options) }),
  };
}

/** The columns of a result that equity.csv shows. */
export type EquityCsvColumns = Pick<BacktestResult, 'time' | 'equity' | 'cash' | 'position' | 'close' | 'interest'>;

/**
 * The blocks of equity.csv, each valid until the next is taken; without `header`, only the
 * rows (of a part of the columns, whose rows follow those of the part before). `into`: the
 * buffer to fill, of EQUITY_BLOCK_BYTES (a thread handed the rows a part at a time fills the
 * same one for every part), else one of the size needed is made.
 */
export function* equityCsvBlocks(result: EquityCsvColumns, header = true, into?: Buffer): Generator<Uint8Array> {
  if (into && into.length !== EQUITY_BLOCK_BYTES) throw new RangeError(`an equity.csv block is ${EQUITY_BLOCK_BYTES} bytes, not ${into.length}`);
  const rows = new EquityCsvRows(result);
  const block = into ?? Buffer.allocUnsafe(Math.min(EQUITY_BLOCK_BYTES, EQUITY_HEADER.length + (result.equity.length + 1) * EQUITY_ROW_MAX_BYTES));
  let at = header ? block.write(EQUITY_HEADER, 0, 'latin1') : 0;
  while (!rows.done()) {
    at = rows.fill(block, at);
    yield block.subarray(0, at);
    at = 0;
  }
  if (at > 0) yield block.subarray(0, at);
}

/**
 * The rows of equity.csv, written into blocks one after another, every number from its digits
 * (`writeNumberAscii`: the equity, the cash and the interest have 16 or 17 digits most of the
 * time, since the cash earns interest every day). A class, not the generator's own loop, so
 * that the row loop is compiled once as a plain method.
 */
class EquityCsvRows {
  private readonly equityText = new ColumnText();
  private readonly cashText = new ColumnText();
  private readonly positionText = new ColumnText();
  private readonly closeText = new ColumnText();
  private readonly interestText = new ColumnText();
  private next = 0;
  /** Blocks filled so far: a column copies a repeated number's text only within one block. */
  private filled = 0;

  constructor(private readonly result: EquityCsvColumns) {}

  done(): boolean {
    return this.next >= this.result.equity.length;
  }

  /** Writes rows into `block` from `at` until it has no room for another row or none is left; returns the end. */
  fill(block: Uint8Array, at: number): number {
    const { time, equity, cash, position, close, interest } = this.result;
    const blockIndex = this.filled++;
    const last = block.length - EQUITY_ROW_MAX_BYTES;
    let i = this.next;
    for (; i < equity.length && at <= last; i++) {
      const t = time[i];
      if (Number.isFinite(t)) at = writeIsoDayAscii(block, at, t);
      block[at++] = COMMA;
      const equityAt = at;
      at = this.equityText.write(block, at, blockIndex, equity[i]);
      block[at++] = COMMA;
      // Out of the market, the cash is the equity: the same number, the same text.
      if (cash[i] === equity[i]) {
        for (let k = equityAt, end = at - 1; k < end; k++) block[at++] = block[k];
      } else {
        at = this.cashText.write(block, at, blockIndex, cash[i]);
      }
      block[at++] = COMMA;
      at = this.positionText.write(block, at, blockIndex, position[i]);
      block[at++] = COMMA;
      at = this.closeText.write(block, at, blockIndex, close[i]);
      block[at++] = COMMA;
      at = this.interestText.write(block, at, blockIndex, interest ? interest[i] : 0);
      block[at++] = NEWLINE;
    }
    this.next = i;
    return at;
  }
}

/**
 * One column of numbers written as {@link csvNumber} writes them (NaN is an empty field). A
 * run's position stays the same from one trade to the next, so much of a column may repeat the
 * row before: a repeated number's text is copied from where it was last written, while that is
 * still in the block being filled (`block` counts the blocks handed on).
 */
class ColumnText {
  private last = NaN;
  private lastAt = 0;
  private lastLength = 0;
  private lastBlock = -1;

  write(out: Uint8Array, at: number, block: number, n: number): number {
    if (n !== n) return at;
    if (n === this.last && block === this.lastBlock) {
      for (let k = this.lastAt, end = this.lastAt + this.lastLength; k < end; k++) out[at++] = out[k];
      return at;
    }
    const end = writeNumberAscii(out, at, n);
    this.last = n;
    this.lastAt = at;
    this.lastLength = end - at;
    this.lastBlock = block;
    return end;
  }
}

const TRADES_HEADER = [
  'entry_date', 'exit_date', 'direction', 'qty', 'entry_price', 'exit_price',
  'pnl', 'return_pct', 'commission', 'exit_reason', 'bars_held',
];

/** `trades.csv`: one row per round trip, made a block at a time as it is written. */
export function tradesCsv(trades: RecordList<Trade>): ChunkedContent {
  return csvBlocks(
    TRADES_HEADER,
    trades,
    (t) => 2 * DATE_FIELD_BYTES + 7 * NUMBER_FIELD_BYTES + textFieldBytes(t.direction) + textFieldBytes(t.exitReason),
    (out, t) => {
      out.date(t.entryTime);
      out.date(t.exitTime);
      out.text(t.direction);
      out.number(t.qty);
      out.number(t.entryPrice);
      out.number(t.exitPrice);
      out.number(t.pnl);
      out.number(t.returnPct);
      out.number(t.commission);
      out.text(t.exitReason);
      out.plainNumber(t.barsHeld);
    },
  );
}

const ORDERS_HEADER = [
  'id', 'signal_bar', 'signal_date', 'side', 'type', 'requested_qty', 'limit', 'stop', 'reason', 'tag',
  'status', 'event_bar', 'event_date', 'filled_qty', 'price', 'commission', 'note',
];

/** `orders.csv`: one row per order, whatever its outcome, made a block at a time as it is written. */
export function ordersCsv(orders: RecordList<OrderRecord>): ChunkedContent {
  return csvBlocks(
    ORDERS_HEADER,
    orders,
    (o) =>
      2 * DATE_FIELD_BYTES + 9 * NUMBER_FIELD_BYTES +
      textFieldBytes(o.side) + textFieldBytes(o.type) + textFieldBytes(o.reason) + textFieldBytes(o.tag) + textFieldBytes(o.status) + textFieldBytes(o.note),
    (out, o) => {
      out.plainNumber(o.id);
      out.plainNumber(o.signalBar);
      out.date(o.signalTime);
      out.text(o.side);
      out.text(o.type);
      out.number(o.requestedQty);
      out.number(o.limit);
      out.number(o.stop);
      out.text(o.reason);
      out.text(o.tag);
      out.text(o.status);
      out.plainNumber(o.eventBar);
      if (o.eventBar >= 0) out.date(o.eventTime);
      else out.empty();
      out.number(o.filledQty);
      out.number(o.price);
      out.number(o.commission);
      out.text(o.note);
    },
  );
}
