import { barTable } from '../testing/bar-table';
import { ScriptedStrategy } from '../testing/scripted.strategy';
import { DEFAULT_ENGINE_CONFIG, EngineConfig } from './engine-config';
import { runBacktest } from './engine';
import { OrderIntent } from './orders';

const NO_FEES: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, commission: { kind: 'none' }, closeAtEnd: false };

function run(rows: Array<[number, number, number, number]>, script: Record<number, OrderIntent[]>, config: Partial<EngineConfig> = {}) {
  const strategy = new ScriptedStrategy(new Map(Object.entries(script).map(([k, v]) => [Number(k), v])));
  return runBacktest(barTable(rows), strategy, { ...NO_FEES, ...config });
}

describe('engine scenarios', () => {
  it('fills a market buy at the next bar open', () => {
    const r = run(
      [
        [100, 101, 99, 100],
        [102, 104, 101, 103],
        [103, 105, 102, 104],
      ],
      { 0: [{ side: 'buy', qty: 10 }] },
    );
    expect(r.orders[0]).toMatchObject({ status: 'filled', eventBar: 1, price: 102, filledQty: 10 });
    // cash 100000 − 10×102 = 98980; equity at bar 1 close = 98980 + 10×103.
    expect(r.cash[1]).toBe(98_980);
    expect(r.equity[1]).toBe(98_980 + 1_030);
    expect(r.equity[0]).toBe(100_000);
  });

  it('fills at the same bar close when fillAt is close', () => {
    const r = run(
      [
        [100, 101, 99, 100.5],
        [102, 104, 101, 103],
      ],
      { 0: [{ side: 'buy', qty: 10 }] },
      { fillAt: 'close' },
    );
    expect(r.orders[0]).toMatchObject({ eventBar: 0, price: 100.5 });
    expect(r.equity[0]).toBe(100_000);
  });

  it('fills a stop at the gap open when the bar gaps down through it', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [90, 92, 88, 91],
      ],
      { 0: [{ side: 'buy', qty: 10, stopLoss: 0.05 }] },
    );
    const exit = r.orders[1];
    expect(exit).toMatchObject({ reason: 'stop-loss', eventBar: 2, price: 90, status: 'filled' });
    expect(r.trades[0]).toMatchObject({ exitReason: 'stop-loss', entryPrice: 100, exitPrice: 90, pnl: -100 });
  });

  it('fills a stop intrabar at the stop price', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [99, 99.5, 94, 96],
      ],
      { 0: [{ side: 'buy', qty: 10, stopLoss: 0.05 }] },
    );
    expect(r.orders[1]).toMatchObject({ reason: 'stop-loss', price: 95 });
  });

  it('takes profit intrabar at the level and at the open on a gap up', () => {
    const intrabar = run(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [101, 111, 100, 108],
      ],
      { 0: [{ side: 'buy', qty: 10, takeProfit: 0.1 }] },
    );
    expect(intrabar.orders[1]).toMatchObject({ reason: 'take-profit' });
    expect(intrabar.orders[1].price).toBeCloseTo(110, 9);
    const gap = run(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [115, 116, 112, 113],
      ],
      { 0: [{ side: 'buy', qty: 10, takeProfit: 0.1 }] },
    );
    expect(gap.orders[1]).toMatchObject({ reason: 'take-profit', price: 115 });
  });

  it('assumes the stop came first when one bar reaches both levels', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [100, 112, 93, 100],
      ],
      { 0: [{ side: 'buy', qty: 10, stopLoss: 0.05, takeProfit: 0.1 }] },
    );
    expect(r.orders[1]).toMatchObject({ reason: 'stop-loss', price: 95 });
  });

  it('protects the entry bar itself once the entry has filled at its open', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 101, 94, 96],
      ],
      { 0: [{ side: 'buy', qty: 10, stopLoss: 0.05 }] },
    );
    expect(r.orders[1]).toMatchObject({ reason: 'stop-loss', eventBar: 1, price: 95 });
  });

  it('fills a buy limit at the limit when the low reaches it and at the open when it gaps below', () => {
    const touch = run(
      [
        [100, 100, 100, 100],
        [100, 101, 97, 99],
      ],
      { 0: [{ side: 'buy', qty: 5, type: 'limit', limit: 98 }] },
    );
    expect(touch.orders[0]).toMatchObject({ status: 'filled', price: 98 });
    const gap = run(
      [
        [100, 100, 100, 100],
        [96, 97, 95, 96],
      ],
      { 0: [{ side: 'buy', qty: 5, type: 'limit', limit: 98 }] },
    );
    expect(gap.orders[0]).toMatchObject({ price: 96 });
  });

  it('keeps a limit order working until the price reaches it and cancels it at the end', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 101, 99, 100],
        [100, 101, 99, 100],
      ],
      { 0: [{ side: 'buy', qty: 5, type: 'limit', limit: 90 }] },
    );
    expect(r.orders[0]).toMatchObject({ status: 'cancelled', note: 'end of test' });
    expect(r.position[2]).toBe(0);
  });

  it('fills a buy stop on a breakout at the stop and at the open on a gap', () => {
    const touch = run(
      [
        [100, 100, 100, 100],
        [100, 106, 99, 104],
      ],
      { 0: [{ side: 'buy', qty: 5, type: 'stop', stop: 105 }] },
    );
    expect(touch.orders[0]).toMatchObject({ price: 105 });
    const gap = run(
      [
        [100, 100, 100, 100],
        [107, 108, 106, 107],
      ],
      { 0: [{ side: 'buy', qty: 5, type: 'stop', stop: 105 }] },
    );
    expect(gap.orders[0]).toMatchObject({ price: 107 });
  });

  it('resizes a buy the cash cannot cover after a gap up, and says so', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [125, 126, 124, 125],
      ],
      { 0: [{ side: 'buy', qty: 1_000 }] },
      { initialCash: 100_000 },
    );
    // 1,000 shares at 125 cost 125,000 > 100,000: cut to floor(100000/125) = 800.
    expect(r.orders[0]).toMatchObject({ status: 'filled', filledQty: 800 });
    expect(r.orders[0].note).toMatch(/resized from 1000 to 800/);
  });

  it('rejects that buy under the reject policy and leaves the cash alone', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [125, 126, 124, 125],
      ],
      { 0: [{ side: 'buy', qty: 1_000 }] },
      { onInsufficientCash: 'reject' },
    );
    expect(r.orders[0]).toMatchObject({ status: 'rejected', filledQty: 0 });
    expect(r.cash[1]).toBe(100_000);
  });

  it('sells only what is held when shorting is off', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [100, 100, 100, 100],
      ],
      { 0: [{ side: 'buy', qty: 10 }], 1: [{ side: 'sell', qty: 25 }] },
    );
    expect(r.orders[1]).toMatchObject({ status: 'filled', filledQty: 10 });
    expect(r.orders[1].note).toMatch(/shorting is off/);
    expect(r.position[2]).toBe(0);
  });

  it('credits short proceeds under the margin model and debits them when cash-secured, with equal equity', () => {
    const rows: Array<[number, number, number, number]> = [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 100, 90],
    ];
    const margin = run(rows, { 0: [{ side: 'sell', qty: 100 }] }, { allowShort: true, shortModel: 'margin' });
    const secured = run(rows, { 0: [{ side: 'sell', qty: 100 }] }, { allowShort: true, shortModel: 'cash-secured' });
    expect(margin.cash[1]).toBe(110_000);
    expect(secured.cash[1]).toBe(90_000);
    // Short 100 at 100, marked at 90: +1,000 either way.
    expect(margin.equity[2]).toBe(101_000);
    expect(secured.equity[2]).toBe(101_000);
  });

  it('returns the entry debit plus the P&L when a cash-secured short is covered', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [90, 90, 90, 90],
        [90, 90, 90, 90],
      ],
      { 0: [{ side: 'sell', qty: 100 }], 1: [{ side: 'buy', qty: 100 }] },
      { allowShort: true, shortModel: 'cash-secured' },
    );
    // cash 90,000 after the short; covering at 90 returns 100×(2×100 − 90) = 11,000.
    expect(r.cash[2]).toBe(101_000);
    expect(r.trades[0]).toMatchObject({ direction: 'short', pnl: 1_000 });
  });

  it('refuses a margin short beyond the margin requirement by resizing it', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
      ],
      { 0: [{ side: 'sell', qty: 5_000 }] },
      { allowShort: true, shortModel: 'margin', shortMarginRate: 0.5 },
    );
    // Equity 100,000 supports a short worth 200,000 = 2,000 shares at 100.
    expect(r.orders[0]).toMatchObject({ filledQty: 2_000 });
  });

  it('charges per-share commission with its minimum and its cap', () => {
    const perShare: Partial<EngineConfig> = { commission: { kind: 'per-share', perShare: 0.0049, min: 0.99, maxPct: 0.01 } };
    const rows: Array<[number, number, number, number]> = [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [0.5, 0.5, 0.5, 0.5],
      [0.5, 0.5, 0.5, 0.5],
    ];
    const r = run(rows, { 0: [{ side: 'buy', qty: 10 }], 1: [{ side: 'buy', qty: 500 }], 3: [{ side: 'buy', qty: 100 }] }, perShare);
    expect(r.orders[0].commission).toBe(0.99); // 10 × 0.0049 = 0.049 → minimum 0.99
    expect(r.orders[1].commission).toBeCloseTo(2.45, 12); // 500 × 0.0049
    expect(r.orders[2].commission).toBeCloseTo(0.5, 12); // cap: 1% of 100 × 0.5 = 0.5 < 0.99
  });

  it('charges percent and fixed commissions', () => {
    const rows: Array<[number, number, number, number]> = [
      [100, 100, 100, 100],
      [100, 100, 100, 100],
    ];
    const pct = run(rows, { 0: [{ side: 'buy', qty: 10 }] }, { commission: { kind: 'percent', rate: 0.001 } });
    expect(pct.orders[0].commission).toBeCloseTo(1, 12);
    const fixed = run(rows, { 0: [{ side: 'buy', qty: 10 }] }, { commission: { kind: 'fixed', amount: 2.5 } });
    expect(fixed.orders[0].commission).toBe(2.5);
    expect(fixed.cash[1]).toBe(100_000 - 1_000 - 2.5);
  });

  it('moves fills against the trader by the slippage', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [100, 100, 100, 100],
      ],
      { 0: [{ side: 'buy', qty: 10 }], 1: [{ side: 'sell', qty: 10 }] },
      { slippageBps: 10 },
    );
    expect(r.orders[0].price).toBeCloseTo(100.1, 12);
    expect(r.orders[1].price).toBeCloseTo(99.9, 12);
    expect(r.trades[0].pnl).toBeCloseTo(-2, 9);
  });

  it('closes an open position at the last close with reason end-of-test', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [100, 100, 100, 100],
        [100, 100, 100, 105],
      ],
      { 0: [{ side: 'buy', qty: 10 }] },
      { closeAtEnd: true },
    );
    expect(r.orders[1]).toMatchObject({ reason: 'end-of-test', eventBar: 2, price: 105 });
    expect(r.trades[0]).toMatchObject({ exitReason: 'end-of-test', pnl: 50, barsHeld: 1 });
    expect(r.position[2]).toBe(0);
  });

  it('trades only inside the evaluation window while indicators may use the history before it', () => {
    const rows: Array<[number, number, number, number]> = Array.from({ length: 6 }, () => [100, 100, 100, 100]);
    const strategy = new ScriptedStrategy(new Map([[1, [{ side: 'buy', qty: 1 }]], [3, [{ side: 'buy', qty: 2 }]]]));
    const r = runBacktest(barTable(rows), strategy, NO_FEES, { startBar: 3, endBar: 6 });
    expect(r.equity.length).toBe(3);
    expect(r.orders.map((o) => o.signalBar)).toEqual([3]);
    expect(r.position[1]).toBe(2);
  });

  it('rejects at the pre-check an order the cash cannot cover at its signal close', () => {
    const r = run(
      [
        [100, 100, 100, 100],
        [50, 50, 50, 50],
      ],
      { 0: [{ side: 'buy', qty: 1_500 }] },
      { precheckAtSignalPrice: true, onInsufficientCash: 'reject' },
    );
    // At the signal close 1,500 × 100 > 100,000 although the fill open (50) would fit.
    expect(r.orders[0]).toMatchObject({ status: 'rejected' });
    expect(r.orders[0].note).toMatch(/pre-check/);
  });

  it('refuses orders that are not a positive whole number of shares', () => {
    expect(() => run([[100, 100, 100, 100]], { 0: [{ side: 'buy', qty: 1.5 }] })).toThrow(/positive whole number/);
    expect(() => run([[100, 100, 100, 100]], { 0: [{ side: 'buy', qty: 0 }] })).toThrow(/positive whole number/);
  });
});
