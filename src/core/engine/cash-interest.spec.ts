import { DEFAULT_PROFILE } from '../profiles/default.profile';
import { computeMetrics } from '../metrics/performance.metrics';
import { barTable } from '../testing/bar-table';
import { ScriptedStrategy } from '../testing/scripted.strategy';
import { DEFAULT_ENGINE_CONFIG, EngineConfig } from './engine-config';
import { runBacktest } from './engine';
import { resolveRun } from './execute-backtest';
import { OrderIntent } from './orders';
import { RunSpec } from './run-spec';

const NO_FEES: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, commission: { kind: 'none' }, closeAtEnd: false };
const flatBars = (n: number) => barTable(Array.from({ length: n }, () => [100, 101, 99, 100] as [number, number, number, number]));

function run(n: number, script: Record<number, OrderIntent[]>, config: Partial<EngineConfig>) {
  const strategy = new ScriptedStrategy(new Map(Object.entries(script).map(([k, v]) => [Number(k), v])));
  return runBacktest(flatBars(n), strategy, { ...NO_FEES, ...config });
}

describe('cash interest', () => {
  it('credits the cash rate every bar, compounding to the annual rate over 252 bars', () => {
    const r = run(252, {}, { cashRate: 0.03 });
    expect(r.equity[251]).toBeCloseTo(103_000, 6);
    expect(r.interest![251]).toBeCloseTo(3_000, 6);
    expect(r.cash[251]).toBe(r.equity[251]);
  });

  it('keeps no interest column for a run whose cash earns nothing', () => {
    expect(run(10, {}, { cashRate: 0 }).interest).toBeUndefined();
    expect(run(10, {}, { cashRate: 0.03 }).interest).toHaveLength(10);
  });

  it('gives a run that holds cash earning the risk-free rate a Sharpe of 0 and no downside', () => {
    const earning = computeMetrics(run(300, {}, { cashRate: 0.03 }), { riskFreeRate: 0.03 });
    expect(earning.sharpe).toBe(0);
    expect(earning.sortino).toBeNull();
    const idle = computeMetrics(run(300, {}, { cashRate: 0 }), { riskFreeRate: 0.03 });
    expect(idle.totalReturn).toBe(0);
    // Without interest, cash trails the risk-free rate every bar.
    expect(idle.sortino!).toBeLessThan(-10);
  });

  it('credits only the cash left after a purchase', () => {
    // Buy 500 shares at 100 on bar 1's open: 50,000 stays in cash.
    const r = run(253, { 0: [{ side: 'buy', qty: 500 }] }, { cashRate: 0.03 });
    const perBar = Math.pow(1.03, 1 / 252) - 1;
    // Bar 0 and bar 1 credit on 100,000 (bar 1 before its fill), then 251 bars on what remains.
    const afterBuy = 100_000 * (1 + perBar) ** 2 - 50_000;
    expect(r.cash[252]).toBeCloseTo(afterBuy * (1 + perBar) ** 251, 6);
  });

  it('pays nothing on the proceeds of a margin short, only on the free cash', () => {
    const r = run(3, { 0: [{ side: 'sell', qty: 100 }] }, { cashRate: 0.03, allowShort: true });
    const perBar = Math.pow(1.03, 1 / 252) - 1;
    const beforeShort = 100_000 * (1 + perBar) ** 2;
    // The 10,000 of short proceeds earn nothing at bar 2's credit.
    expect(r.cash[2]).toBeCloseTo(beforeShort + 10_000 + beforeShort * perBar, 6);
  });

  it('earns the run\'s risk-free rate in the default profile and nothing in the finsaber profile, unless a rate is given', () => {
    const spec = (profile: 'default' | 'finsaber', extra: object = {}) =>
      RunSpec.parse({ strategy: { name: 'buy-and-hold', kind: 'buy-and-hold' }, symbol: 'X', from: '2020-01-01', to: '2020-12-31', profile, riskFreeRate: 0.02, ...extra });
    expect(resolveRun(spec('default')).engine.cashRate).toBe(0.02);
    expect(resolveRun(spec('finsaber')).engine.cashRate).toBe(0);
    expect(resolveRun(spec('default', { engine: { cashRate: 0.05 } })).engine.cashRate).toBe(0.05);
    expect(DEFAULT_PROFILE.cashRate).toBe('risk-free');
  });
});
