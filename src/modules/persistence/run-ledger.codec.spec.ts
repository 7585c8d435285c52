import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { executeBacktest, resolveRun } from '../../core/engine/execute-backtest';
import { OrderLog } from '../../core/engine/order-log';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { orderColumnsOf, ordersOf, tradesOf } from '../../core/engine/record-list';
import { RunSpec } from '../../core/engine/run-spec';
import { TradeLog } from '../../core/engine/trade-log';
import { randomWalkSeries } from '../../core/testing/random-walk';
import { resultHash } from '../artifacts/result-hash';
import { decodeOrders, decodeTrades, encodeOrders, encodeTrades, forEachLittleEndianPiece, ordersBlock, tradesBlock } from './run-ledger.codec';
import { sampleResult } from './testing/sample-result.fixture';

const EDGE_NUMBERS = [NaN, Infinity, -Infinity, -0, 0, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, -1e-300, 2 ** 53 + 2, 45648.9964320002];
const TEXTS = ['NULL', 'a "quoted", {braced} \\ back\\slashed tag', '', ' x ', 'ünïcödé ✓ 😀', '\u0000\n\t'];

/** Both are the same records: every key in the same order, every double to the last bit. */
function expectSameRecords(read: object[], written: object[]): void {
  expect(read.length).toBe(written.length);
  read.forEach((r, i) => {
    expect(Object.keys(r)).toEqual(Object.keys(written[i]));
    for (const [key, value] of Object.entries(written[i])) {
      const got = (r as Record<string, unknown>)[key];
      if (typeof value === 'number') expect(Object.is(got, value) || (Number.isNaN(got) && Number.isNaN(value))).toBe(true);
      else expect(got).toBe(value);
    }
  });
}

describe('run ledger blocks', () => {
  it('give back a run\'s orders with every double to the last bit, every text as written and the keys in engine order', () => {
    const orders: OrderRecord[] = sampleResult(200, 40).orders.map((o, i) => ({
      ...o,
      price: EDGE_NUMBERS[i % EDGE_NUMBERS.length],
      limit: EDGE_NUMBERS[(i + 3) % EDGE_NUMBERS.length],
      tag: TEXTS[i % TEXTS.length],
      note: i % 2 === 0 ? '' : `resized to ${i} shares`,
    }));
    expectSameRecords(decodeOrders(encodeOrders(orders)), orders);
  });

  it('give back a run\'s trades with every double to the last bit', () => {
    const trades: Trade[] = sampleResult(200, 40).trades.map((t, i) => ({ ...t, pnl: EDGE_NUMBERS[i % EDGE_NUMBERS.length], returnPct: -EDGE_NUMBERS[i % EDGE_NUMBERS.length] }));
    expectSameRecords(decodeTrades(encodeTrades(trades)), trades);
  });

  it("are made from the engine's columns byte for byte as from its records, edge numbers and texts included", () => {
    const log = new OrderLog(4);
    const trades = new TradeLog(4);
    const reasons = ['signal', 'stop-loss', 'take-profit', 'end-of-test', 'margin-call'] as const;
    // More records than a block is written from at a time: the pieces join where they should.
    for (let i = 0; i < 20_000; i++) {
      const o = log.add(i, 1e12 + i * 864e5, i % 3 ? 'buy' : 'sell', (['market', 'limit', 'stop'] as const)[i % 3], EDGE_NUMBERS[i % EDGE_NUMBERS.length], EDGE_NUMBERS[(i + 2) % EDGE_NUMBERS.length], NaN, reasons[(i * 7) % 5], TEXTS[i % TEXTS.length], 0.05, NaN);
      if (i % 4 === 1) log.setNote(o, `resized to ${i} shares`);
      log.status[o] = (i * 5) % 4;
      log.eventBar[o] = i % 4 === 0 ? -1 : i + 1;
      log.price[o] = EDGE_NUMBERS[(i + 5) % EDGE_NUMBERS.length];
      const entry = EDGE_NUMBERS[(i + 1) % EDGE_NUMBERS.length];
      trades.add({ direction: i % 5 ? 'long' : 'short', entryBar: i, entryTime: 1e12 + i, entryPrice: entry, exitBar: i + 3, exitTime: 1e12 + i + 3, exitPrice: -entry, maxQty: 10, qty: i % 2 ? 10 : 2.5, pnl: EDGE_NUMBERS[i % EDGE_NUMBERS.length], returnPct: -0, commission: 0.1 + 0.2, exitReason: reasons[i % 5], barsHeld: 3 });
    }
    const ledger = { orders: log.columns(), trades: trades.columns() };
    const fromColumns = { orders: [], trades: [], ledgerColumns: () => ledger };
    expect(orderColumnsOf(ordersOf(fromColumns))).toBe(ledger.orders);
    expect(ordersBlock(ordersOf(fromColumns)).equals(ordersBlock(log.toRecords()))).toBe(true);
    expect(tradesBlock(tradesOf(fromColumns)).equals(tradesBlock(trades.toTrades()))).toBe(true);
  });

  it("hash a finished run as its records do: the columns an engine run hands over give the same result hash", () => {
    const series = randomWalkSeries(4_000, 3, 'RW', '2005-01-03');
    for (const strategy of [{ name: 's', kind: 'sma-cross', params: { fast: 3, slow: 9 } }, { name: 't', kind: 'turn-of-month' }, { name: 'a', kind: 'atr-band' }]) {
      const run = resolveRun(RunSpec.parse({ strategy, symbol: 'RW', from: '2005-06-01', to: '2015-12-31' }));
      const { result, metrics } = executeBacktest(run, series);
      expect(result.ledgerColumns?.()?.orders.count).toBe(result.orders.length);
      expect(result.orders.length).toBeGreaterThan(20);
      const copy = { ...result, orders: [...result.orders], trades: [...result.trades] };
      expect(copy.ledgerColumns).toBeUndefined();
      expect(resultHash(result, metrics)).toBe(resultHash(copy, metrics));
    }
  });

  it('hold no records as well', () => {
    expect(decodeTrades(encodeTrades([]))).toEqual([]);
    expect(decodeOrders(encodeOrders([]))).toEqual([]);
  });

  it('take a long run\'s orders in under a fifth of their size as doubles', () => {
    const base = sampleResult(30, 1).orders[0];
    const orders = Array.from({ length: 5_000 }, (_, i) => ({ ...base, id: i, signalBar: 10 + 18 * i, eventBar: 11 + 18 * i, price: 100 + Math.sin(i) * 7.25, filledQty: 100 + (i % 13) }));
    const block = encodeOrders(orders);
    expect(block.length).toBeLessThan((5_000 * 17 * 8) / 5);
    expect(decodeOrders(block)).toEqual(orders);
  });

  it('refuse a record without one of the fields, naming it', () => {
    const [order] = sampleResult(30, 1).orders;
    const { tag: _tag, ...withoutTag } = order;
    expect(() => encodeOrders([order, withoutTag as OrderRecord])).toThrow('order 1: tag is not a text (undefined)');
    const [trade] = sampleResult(30, 1).trades;
    expect(() => encodeTrades([{ ...trade, pnl: '12' as unknown as number }])).toThrow('trade 0: pnl is not a number (string)');
  });

  it('refuse a block of another format or kind, or cut short', () => {
    const block = encodeTrades(sampleResult(30, 2).trades);
    const raw = brotliDecompressSync(block);
    expect(() => decodeOrders(block)).toThrow('order block has 14 fields, not 17');
    expect(() => decodeTrades(brotliCompressSync(Buffer.concat([Buffer.from([9]), raw.subarray(1)])))).toThrow('unknown trade block format 9');
    expect(() => decodeTrades(brotliCompressSync(raw.subarray(0, raw.length - 8)))).toThrow(/does not hold 2 records/);
  });

  it('are made once per records array until stored, as the compressed block holds them', () => {
    const { orders, trades } = sampleResult(60, 3);
    const made = ordersBlock(orders);
    expect(ordersBlock(orders)).toBe(made);
    expect(brotliDecompressSync(encodeOrders(orders)).equals(made)).toBe(true);
    // The store took it: it is made again if asked for again, to the same bytes.
    expect(ordersBlock(orders)).not.toBe(made);
    expect(ordersBlock(orders).equals(made)).toBe(true);
    expect(brotliDecompressSync(encodeTrades(trades)).equals(tradesBlock(trades))).toBe(true);
    // Another array of the same records: the same bytes, made again.
    const copies = orders.map((o) => ({ ...o }));
    expect(ordersBlock(copies)).not.toBe(ordersBlock(orders));
    expect(ordersBlock(copies).equals(ordersBlock(orders))).toBe(true);
  });

  it('write every NaN as one quiet NaN', () => {
    const [order] = sampleResult(30, 1).orders;
    const payload = new Float64Array(new BigInt64Array([0x7ff8000000000abcn, -0x8000000000001n]).buffer);
    const quiet = ordersBlock([{ ...order, limit: NaN, stop: NaN }]);
    expect(ordersBlock([{ ...order, limit: payload[0], stop: payload[1] }]).equals(quiet)).toBe(true);
    expect(decodeOrders(encodeOrders([{ ...order, limit: payload[0] }]))[0].limit).toBeNaN();
  });

  it('hand a hash their bytes as a little-endian platform lays them out', () => {
    const block = ordersBlock(sampleResult(60, 3).orders);
    const pieces: Uint8Array[] = [];
    forEachLittleEndianPiece(block, (piece) => pieces.push(piece));
    // This platform is little-endian (the store's blocks are read on it as written).
    expect(Buffer.concat(pieces).equals(block)).toBe(true);
  });
});
