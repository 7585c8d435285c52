import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Trade } from '../../core/engine/orders';
import { float64Column, isShared } from '../../core/market/float-column';
import { decodeEquity } from '../persistence/run-series.codec';
import { sampleResult } from '../persistence/testing/sample-result.fixture';
import { ChunkedContent, wholeContent, writeContent, writeContentSync } from './artifact-content';
import { EQUITY_BLOCK_BYTES, equityCsv, equityCsvBlocks, ordersCsv, tradesCsv } from './artifact-csv';
import { EQUITY_CSV_PART_ROWS, EQUITY_CSV_THREAD_ROWS } from './equity-csv.thread';
import { csvDate, csvDocument, csvNumber } from './csv';

/** equity.csv as a string per row, each number and date from csvNumber and csvDate. */
function plainEquityCsv(result: ReturnType<typeof sampleResult>): string {
  let text = 'date,equity,cash,position,close,interest\n';
  for (let i = 0; i < result.equity.length; i++) {
    const fields = [result.time[i], result.equity[i], result.cash[i], result.position[i], result.close[i], result.interest ? result.interest[i] : 0];
    text += `${csvDate(fields[0])},${fields.slice(1).map(csvNumber).join(',')}\n`;
  }
  return text;
}

/**
 * Writes `content` on its thread to `dir`/equity.csv, opened with `flags` ('r': a descriptor the
 * thread cannot write to), and reads the file back.
 */
async function writtenOnThread(dir: string, content: ChunkedContent, flags: 'w' | 'r' = 'w'): Promise<string> {
  const fd = openSync(join(dir, 'equity.csv'), flags);
  try {
    await content.writeTo!(fd);
  } finally {
    closeSync(fd);
  }
  return readFileSync(join(dir, 'equity.csv'), 'latin1');
}

describe('equityCsv', () => {
  it('writes what a string per row of csvNumber and csvDate fields gives, over several blocks', () => {
    const result = sampleResult(30_000, 40);
    result.interest = Float64Array.from(result.cash, (c, i) => (i % 3 === 0 ? 0 : c * 1e-7));
    Object.assign(result.equity, { 5: NaN, 6: -0, 7: 1e21, 8: -1e-7, 9: 123.4500001, 10: Infinity });
    // Runs of one value (kept as text), broken by NaN, -0 and 0.
    result.cash.fill(100_000 / 3, 100, 20_000);
    Object.assign(result.cash, { 150: NaN, 151: 100_000 / 3, 152: -0, 153: 0, 154: -0 });
    result.time[11] = NaN;
    result.time[12] = -86_400_000;
    const blocks: Buffer[] = [];
    for (const chunk of equityCsv(result).chunks()) blocks.push(Buffer.from(chunk));
    expect(blocks.length).toBeGreaterThan(1);
    const text = Buffer.concat(blocks).toString('latin1');
    expect(text).toBe(plainEquityCsv(result));
    // A day before 1970 (a negative time) is written like any other.
    expect(text.split('\n')[13]).toMatch(/^1969-12-31,/);
  });

  it('writes the parts of a run into one block given for all of them: the same text as the run written whole', () => {
    const result = sampleResult(50_000, 40);
    const block = Buffer.alloc(EQUITY_BLOCK_BYTES);
    const text: string[] = [];
    for (const [from, to] of [[0, 20_000], [20_000, 20_001], [20_001, 50_000]]) {
      const part = { time: result.time.subarray(from, to), equity: result.equity.subarray(from, to), cash: result.cash.subarray(from, to), position: result.position.subarray(from, to), close: result.close.subarray(from, to) };
      for (const chunk of equityCsvBlocks(part, from === 0, block)) {
        expect(chunk.buffer).toBe(block.buffer);
        text.push(Buffer.from(chunk).toString('latin1'));
      }
    }
    expect(text.join('')).toBe(plainEquityCsv(result));
    expect(() => equityCsvBlocks(result, true, Buffer.alloc(1_000)).next()).toThrow(/an equity.csv block is 1048576 bytes, not 1000/);
  });

  it('writes the file of a long run on a thread of its own, a part of the rows at a time: the same bytes, the caller keeping its columns', async () => {
    const bars = 2 * EQUITY_CSV_PART_ROWS + 12_345;
    const result = sampleResult(bars, 400);
    result.interest = Float64Array.from(result.cash, (c, i) => c * 1e-7 * i);
    result.cash.set(result.equity.subarray(0, 5_000));
    const content = equityCsv(result);
    expect(content.writeTo).toBeDefined();
    expect(equityCsv(sampleResult(EQUITY_CSV_THREAD_ROWS - 1, 3)).writeTo).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'tg-equity-thread-'));
    try {
      expect(await writtenOnThread(dir, content)).toBe(plainEquityCsv(result));
      expect(result.equity.length).toBe(bars);
      // A descriptor the thread cannot write to fails the write with the thread's error.
      await expect(writtenOnThread(dir, content, 'r')).rejects.toThrow(/equity\.csv: EBADF/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("makes the run's stored equity block on the same thread when asked: it decodes to the run's columns", async () => {
    const bars = EQUITY_CSV_PART_ROWS + 20_000;
    const result = sampleResult(bars, 400);
    result.position[7] = -0;
    let block: Promise<Buffer[]> | undefined;
    const content = equityCsv(result, { storedBlock: (made) => (block = made) });
    const dir = mkdtempSync(join(tmpdir(), 'tg-equity-block-'));
    try {
      expect(await writtenOnThread(dir, content)).toBe(plainEquityCsv(result));
      const back = decodeEquity(Buffer.concat(await block!));
      for (const column of ['time', 'equity', 'cash', 'position', 'close'] as const) {
        let differing = 0;
        for (let i = 0; i < bars; i++) if (!Object.is(back[column][i], result[column][i])) differing++;
        expect([back[column].length, differing]).toEqual([bars, 0]);
      }
      // A write that fails fails the block too.
      await expect(writtenOnThread(dir, equityCsv(result, { storedBlock: (made) => (block = made) }), 'r')).rejects.toThrow(/EBADF/);
      await expect(block!).rejects.toThrow(/EBADF/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands columns in shared memory (a long run\'s) to the thread as they are: the same bytes and block', async () => {
    const bars = 2 * EQUITY_CSV_PART_ROWS + 777;
    const result = sampleResult(bars, 400);
    result.interest = Float64Array.from(result.cash, (c, i) => c * 1e-7 * i);
    const inShared = (column: Float64Array) => {
      const copy = float64Column(column.length);
      copy.set(column);
      return copy;
    };
    const shared = { ...result, time: inShared(result.time), equity: inShared(result.equity), cash: inShared(result.cash), position: inShared(result.position), close: inShared(result.close), interest: inShared(result.interest) };
    expect([shared.time, shared.equity, shared.cash, shared.position, shared.close, shared.interest].every(isShared)).toBe(true);
    let block: Promise<Buffer[]> | undefined;
    const dir = mkdtempSync(join(tmpdir(), 'tg-equity-shared-'));
    try {
      expect(await writtenOnThread(dir, equityCsv(shared, { storedBlock: (made) => (block = made) }))).toBe(plainEquityCsv(result));
      const back = decodeEquity(Buffer.concat(await block!));
      for (const column of ['time', 'equity', 'cash', 'position', 'close'] as const) {
        let differing = 0;
        for (let i = 0; i < bars; i++) if (!Object.is(back[column][i], result[column][i])) differing++;
        expect([back[column].length, differing]).toEqual([bars, 0]);
      }
      expect(shared.equity[bars - 1]).toBe(result.equity[bars - 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes 16- and 17-digit columns as String does, with NaN, ±Infinity, −0 and exponents among them', () => {
    const result = sampleResult(3_000, 40);
    result.interest = Float64Array.from(result.cash, (c, i) => c * 1e-7 * (i + 1));
    const odd = [NaN, Infinity, -Infinity, -0, 0, 1e21, -2.5e-7, 5e-324, 100_000];
    // Odd values at the start, the end and in between, in the cash where it differs from the
    // equity and where it equals it, and in the interest.
    for (const [k, i] of [0, 1, 511, 512, 513, 1_023, 1_024, 2_047, 2_999].entries()) {
      result.cash[i] = odd[k % odd.length];
      result.interest[i] = odd[(k + 3) % odd.length];
      result.equity[i + (i < 2_999 ? 1 : 0)] = odd[(k + 5) % odd.length];
    }
    result.cash.set(result.equity.subarray(700, 900), 700);
    // Short numbers (cents) among the long ones.
    for (let i = 2_048; i < 2_560; i++) result.equity[i] = Math.round(result.equity[i] * 100) / 100;
    expect(Buffer.from(wholeContent(equityCsv(result))).toString('latin1')).toBe(plainEquityCsv(result));
  });

  it('writes an equity grown to billions, with 16 digits and few decimals, as String does', () => {
    const result = sampleResult(2_000, 40);
    const grown = (v: number, i: number) => v * 53_970 + i / 7;
    result.equity = Float64Array.from(result.equity, grown);
    result.cash = Float64Array.from(result.cash, (c, i) => (i % 3 === 0 ? result.equity[i] : grown(c, i) + 0.125));
    result.interest = Float64Array.from(result.cash, (c, i) => (i < 1_000 ? 33_532_822.204_751_02 + i : c / 3));
    expect(Buffer.from(wholeContent(equityCsv(result))).toString('latin1')).toBe(plainEquityCsv(result));
  });

  it('writes the header alone for a run without bars', () => {
    expect(Buffer.from(wholeContent(equityCsv(sampleResult(0, 0)))).toString('latin1')).toBe('date,equity,cash,position,close,interest\n');
  });
});

describe('artifact content', () => {
  /** Three blocks from one buffer refilled each time, as equity.csv hands them over. */
  const refilled: ChunkedContent = {
    *chunks() {
      const block = Buffer.alloc(4);
      for (const text of ['abcd', 'efgh', 'ij']) {
        block.write(text, 'latin1');
        yield block.subarray(0, text.length);
      }
    },
  };

  it('keeps every block of a refilled buffer when made whole', () => {
    expect(Buffer.from(wholeContent(refilled)).toString('latin1')).toBe('abcdefghij');
    expect(wholeContent('text')).toBe('text');
  });

  it('writes text, bytes and blocks to a file, synchronously or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-content-'));
    try {
      const contents = ['héllo', new Uint8Array([104, 105]), refilled] as const;
      const expected = ['héllo', 'hi', 'abcdefghij'];
      for (let k = 0; k < contents.length; k++) {
        const sync = join(dir, `sync-${k}`);
        const fd = openSync(sync, 'wx');
        writeContentSync(fd, contents[k]);
        closeSync(fd);
        const async = join(dir, `async-${k}`);
        const handle = await open(async, 'wx');
        await writeContent(handle, contents[k]);
        await handle.close();
        expect([readFileSync(sync, 'utf8'), readFileSync(async, 'utf8')]).toEqual([expected[k], expected[k]]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tradesCsv and ordersCsv', () => {
  const text = (content: ReturnType<typeof tradesCsv>) => Buffer.from(wholeContent(content)).toString('utf8');

  it('write what csvDocument of csvField, csvNumber and csvDate fields gives, over several blocks', () => {
    const result = sampleResult(400, 30);
    const orders = Array.from({ length: 12_000 }, (_, k) => {
      const o = result.orders[k % result.orders.length];
      return { ...o, id: k, note: k % 5 === 0 ? `résumé 📈 "k${k}", line\nbreak` : o.note, eventBar: k % 7 === 0 ? -1 : o.eventBar, price: k % 3 === 0 ? NaN : o.price + k / 7, tag: 'x'.repeat(k % 11 === 0 ? 300_000 : 3) };
    });
    const trades = Array.from({ length: 9_000 }, (_, k) => ({ ...result.trades[k % result.trades.length], pnl: k % 4 === 0 ? -0 : k / 3, exitReason: (k % 9 === 0 ? 'stop, "hard"' : 'signal') as Trade['exitReason'] }));
    const plainTrades = csvDocument(
      ['entry_date', 'exit_date', 'direction', 'qty', 'entry_price', 'exit_price', 'pnl', 'return_pct', 'commission', 'exit_reason', 'bars_held'],
      trades.map((t) => [csvDate(t.entryTime), csvDate(t.exitTime), t.direction, csvNumber(t.qty), csvNumber(t.entryPrice), csvNumber(t.exitPrice), csvNumber(t.pnl), csvNumber(t.returnPct), csvNumber(t.commission), t.exitReason, String(t.barsHeld)]),
    );
    const plainOrders = csvDocument(
      ['id', 'signal_bar', 'signal_date', 'side', 'type', 'requested_qty', 'limit', 'stop', 'reason', 'tag', 'status', 'event_bar', 'event_date', 'filled_qty', 'price', 'commission', 'note'],
      orders.map((o) => [
        String(o.id), String(o.signalBar), csvDate(o.signalTime), o.side, o.type, csvNumber(o.requestedQty), csvNumber(o.limit), csvNumber(o.stop), o.reason, o.tag,
        o.status, String(o.eventBar), o.eventBar >= 0 ? csvDate(o.eventTime) : '', csvNumber(o.filledQty), csvNumber(o.price), csvNumber(o.commission), o.note,
      ]),
    );
    expect(text(tradesCsv(trades))).toBe(plainTrades);
    expect(text(ordersCsv(orders))).toBe(plainOrders);
    expect(text(ordersCsv([]))).toBe(csvDocument(plainOrders.split('\n')[0].split(','), []));
  });
});
