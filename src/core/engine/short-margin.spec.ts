import { computeMetrics } from '../metrics/performance.metrics';
import { barTable } from '../testing/bar-table';
import { ScriptedStrategy } from '../testing/scripted.strategy';
import { DEFAULT_ENGINE_CONFIG, EngineConfig } from './engine-config';
import { runBacktest } from './engine';
import { OrderIntent } from './orders';

const SHORTS: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, commission: { kind: 'none' }, closeAtEnd: false, allowShort: true, shortModel: 'margin' };
type Row = [number, number, number, number];

function run(rows: Row[], script: Record<number, OrderIntent[]>, config: Partial<EngineConfig> = {}) {
  const strategy = new ScriptedStrategy(new Map(Object.entries(script).map(([k, v]) => [Number(k), v])));
  return runBacktest(barTable(rows), strategy, { ...SHORTS, ...config });
}
const flat = (n: number, price = 100): Row[] => Array.from({ length: n }, () => [price, price, price, price]);

describe('margin shorts', () => {
  it('checks the initial margin on the whole short after the trade: three sells of 2,000 at $100 open no more than $200k on $100k', () => {
    const r = run(flat(5), { 0: [{ side: 'sell', qty: 2_000 }], 1: [{ side: 'sell', qty: 2_000 }], 2: [{ side: 'sell', qty: 2_000 }] });
    expect(r.position[4]).toBe(-2_000);
    expect(r.orders.map((o) => [o.status, o.filledQty])).toEqual([['filled', 2_000], ['rejected', 0], ['rejected', 0]]);
    expect(r.orders[1].note).toMatch(/margin/);
  });

  it('buys a short in at the close where the equity falls below the maintenance margin, as a margin-call exit', () => {
    // Short 1,000 at 100 (equity 100k); at 150 the equity is 50k, 33% of the short's 150k: kept;
    // at 160 it is 40k, 25% of 160k, below 30%: bought in at that close.
    const rows: Row[] = [...flat(2), [150, 150, 150, 150], [160, 160, 160, 160], ...flat(2, 170)];
    const r = run(rows, { 0: [{ side: 'sell', qty: 1_000 }] });
    expect(r.position[2]).toBe(-1_000);
    expect(r.position[3]).toBe(0);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ direction: 'short', exitReason: 'margin-call', exitBar: 3, exitPrice: 160 });
    expect(r.orders[1].tag).toMatch(/^margin call: equity 40000\.00 below 30% of the short's value 160000\.00/);
    expect(r.equity[5]).toBe(40_000);
  });

  it('charges the borrow fee on the value of an open short every bar', () => {
    const r = run(flat(253), { 0: [{ side: 'sell', qty: 100 }] }, { borrowFeeRate: 0.05 });
    // 251 bars short (from bar 2's start on): 10,000 of stock at 5% a year.
    const perBar = Math.pow(1.05, 1 / 252) - 1;
    expect(r.borrowFees).toBeCloseTo(251 * 10_000 * perBar, 6);
    expect(r.equity[252]).toBeCloseTo(100_000 - r.borrowFees!, 6);
  });

  it('ends a run whose equity reaches zero, closes what is left there and takes no ratio over it', () => {
    // Without a maintenance margin, a $200k short into a doubling leaves −$100k.
    const rows: Row[] = [...flat(3), [200, 200, 200, 200], ...flat(6, 300)];
    const r = run(rows, { 0: [{ side: 'sell', qty: 2_000 }] }, { maintenanceMarginRate: 0 });
    expect(r.equity).toHaveLength(4);
    expect(r.endBar).toBe(4);
    expect(r.equity[3]).toBe(-100_000);
    expect(r.position[3]).toBe(0);
    expect(r.trades[0]).toMatchObject({ exitReason: 'margin-call', exitBar: 3 });
    expect(r.notes[0]).toMatch(/^the equity reached -100000\.00 at the close of \d{4}-\d{2}-\d{2}: the account was wiped out and the run ended there/);
    const m = computeMetrics(r);
    expect(m).toMatchObject({ sharpe: null, sortino: null, calmar: null, annualVolatility: null, annualReturn: -1, totalReturn: -2 });
  });

  it('keeps running past a negative equity when asked (the finsaber profile, like backtrader)', () => {
    const rows: Row[] = [...flat(3), [200, 200, 200, 200], ...flat(6, 300)];
    const r = run(rows, { 0: [{ side: 'sell', qty: 2_000 }] }, { maintenanceMarginRate: 0, stopAtZeroEquity: false });
    expect(r.equity).toHaveLength(10);
    expect(r.equity[9]).toBe(-300_000);
    expect(computeMetrics(r).sharpe).toBeNull();
  });
});
