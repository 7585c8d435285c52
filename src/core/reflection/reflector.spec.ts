import { output } from '../agents/agent';
import { Decision } from '../agents/decision/decision.types';
import { Forecast, ForecastLabel } from '../agents/forecast/forecast.types';
import { StyleChoice } from '../agents/style/style.types';
import { barTable } from '../testing/bar-table';
import { memoryCase } from './memory-case.fixture';
import { ReflectionParams } from './reflection.params';
import { PendingStep, Reflector } from './reflector';

// Decisions at the close of each bar; fills at the next open; $1 a trade.
const bars = barTable([
  [99, 101, 98, 100],
  [101, 103, 100, 102],
  [102, 103, 99, 99],
  [99, 100, 97, 98],
  [98, 99, 97, 98.5],
  [98.5, 99, 98, 98.7],
]);
const closes = Float64Array.from(bars.time, (t) => t + 21 * 3_600_000);
const RULES = { commission: { kind: 'fixed', amount: 1 } as const, fillAt: 'next-open' as const, slippageBps: 0 };

function reflector(params: Partial<ReflectionParams> = {}, meanAbsReturn = 0.01, prior = [] as ReturnType<typeof memoryCase>[]): Reflector {
  const mean = new Float64Array(bars.length).fill(meanAbsReturn);
  return new Reflector(bars, closes, mean, ReflectionParams.parse(params), RULES, 2, prior);
}

function step(t: number, o: { label?: ForecastLabel; p?: [number, number, number]; action?: Decision['action']; cash?: number; position?: number } = {}): PendingStep {
  const [pUp, pDown, pSideways] = o.p ?? [0.6, 0.1, 0.3];
  const forecast = { pUp, pDown, pSideways, label: o.label ?? 'up', gate: 'none', epsilon: 0.005, trainedOn: 100, features: {} } as unknown as Forecast;
  const style: StyleChoice = { style: 'balanced', rule: 'none', reason: 'no rule fired', drawdown: 0, recentReturn: 0, volatilityRatio: 1, position: 0, unrealizedReturn: 0 };
  const decision: Decision = { action: o.action ?? 'SELL', style: 'balanced', position: o.position ?? 0, confidence: 0.2, score: -0.2, threshold: 0.1, contributions: [] };
  return {
    t,
    decidedAt: closes[t],
    features: [1, t],
    forecast: output('forecast', forecast, ''),
    style: output('style', style, ''),
    decision: output('decision', decision, ''),
    signals: { news: null, report: null, forecast: pUp - pDown },
    cash: o.cash ?? 5_000,
    position: o.position ?? 50,
    buyFraction: 0.5,
    provenance: [[{ kind: 'bar', ref: `bar ${t}`, publishedAt: closes[t] }]],
  };
}

describe('Reflector', () => {
  it('labels a decision at the close of its outcome bar and not before', () => {
    const r = reflector();
    r.track(step(0));
    r.labelDue(0);
    expect(r.producedCases()).toEqual([]);
    r.labelDue(1);
    expect(r.producedCases()).toHaveLength(1);
    expect(r.producedCases()[0]).toMatchObject({ id: `TEST:${closes[0]}`, decidedAt: closes[0], knownAt: closes[1], features: [1, 0] });
  });

  it('hands a labelled step out again to be filled in, and the case made from it stays as it was', () => {
    const r = reflector();
    const first = Object.assign(r.nextStep(), step(0));
    r.track(first);
    r.labelDue(1);
    const reused = r.nextStep();
    expect(reused).toBe(first);
    Object.assign(reused, step(1, { label: 'down', p: [0.1, 0.7, 0.2] }));
    r.track(reused);
    r.labelDue(2);
    const cases = r.producedCases();
    expect(cases.map((c) => [c.decidedAt, c.features, c.forecast.label])).toEqual([
      [closes[0], [1, 0], 'up'],
      [closes[1], [1, 1], 'down'],
    ]);
    expect(r.nextStep()).toBe(first);
    expect(r.nextStep()).not.toBe(first);
  });

  it('waits the whole horizon, and leaves a decision unlabelled when its outcome bar was skipped', () => {
    const two = reflector({ horizon: 2 });
    two.track(step(0));
    two.labelDue(1);
    expect(two.producedCases()).toEqual([]);
    two.labelDue(2);
    expect(two.producedCases()[0]).toMatchObject({ knownAt: closes[2], decision: { outcome: { benchmarkReturn: 99 / 100 - 1 } } });
    const gap = reflector();
    gap.track(step(0));
    gap.labelDue(2);
    expect(gap.producedCases()).toEqual([]);
  });

  it('computes w_hit = sign_ok · tanh(|pct| / ε) · p_true for up, down and sideways outcomes', () => {
    const r = reflector();
    r.track(step(0, { label: 'up', p: [0.6, 0.1, 0.3] }));
    r.labelDue(1);
    r.track(step(1, { label: 'up', p: [0.5, 0.2, 0.3] }));
    r.labelDue(2);
    const [up, down] = r.producedCases().map((c) => c.forecast.outcome);
    // ε = max(0.5 · 1%, 0.2%) = 0.5%; 100 → 102 is +2%: up, called up, p_true = pUp.
    expect(up).toMatchObject({ epsilon: 0.005, realised: 'up', signOk: 1, pTrue: 0.6 });
    expect(up.pct).toBeCloseTo(0.02, 14);
    expect(up.wHit).toBeCloseTo(Math.tanh(4) * 0.6, 12);
    // 102 → 99 is −2.94%: down, called up, p_true = pDown.
    expect(down).toMatchObject({ realised: 'down', signOk: -1, pTrue: 0.2 });
    expect(down.wHit).toBeCloseTo(-Math.tanh((3 / 102) / 0.005) * 0.2, 12);
    // With a 3% mean |log return|, ε = 1.5%: 99 → 98 (−1.01%) is sideways.
    const calm = reflector({}, 0.03);
    calm.track(step(2, { label: 'sideways', p: [0.2, 0.3, 0.5] }));
    calm.labelDue(3);
    const side = calm.producedCases()[0].forecast.outcome;
    expect(side).toMatchObject({ epsilon: 0.015, realised: 'sideways', signOk: 1, pTrue: 0.5 });
    expect(side.wHit).toBeCloseTo(Math.tanh((1 / 99) / 0.015) * 0.5, 12);
  });

  it('rewards each action the agent could take from the same state: r_eq − 0.2 · r_bm − c_a, with the best action and the regret', () => {
    const r = reflector();
    // Cash 5,000 and 50 shares at a close of 100 (equity 10,000); the stock then gains 2% (r_bm).
    r.track(step(0, { action: 'SELL', cash: 5_000, position: 50 }));
    r.labelDue(1);
    const outcome = r.producedCases()[0].decision.outcome;
    // SELL: 50 shares at 101 for $1 → 10,049.
    expect(outcome.rewards.SELL).toBeCloseTo(0.0049 - 0.2 * 0.02 - 1 / 10_000, 12);
    // HOLD: 5,000 + 50 · 102 → 10,100, no commission.
    expect(outcome.rewards.HOLD).toBeCloseTo(0.01 - 0.2 * 0.02, 12);
    expect(outcome).toMatchObject({ best: 'HOLD', chosen: 'SELL' });
    expect(outcome.regret).toBeCloseTo(0.0051 + 1 / 10_000, 12);
    expect(outcome.benchmarkReturn).toBeCloseTo(0.02, 14);
  });

  it('leaves BUY out of a long position\'s label: the agent buys only when flat, so spending the leftover cash is no best action', () => {
    const r = reflector();
    // Long with cash left; buying more of a stock that then gains 2% would have earned most.
    r.track(step(0, { action: 'HOLD', cash: 5_000, position: 50 }));
    r.labelDue(1);
    const outcome = r.producedCases()[0].decision.outcome;
    expect(outcome.rewards.BUY).toBeNull();
    expect(outcome.best).toBe('HOLD');
    expect(outcome.regret).toBe(0);
  });

  it('leaves SELL out of a flat account\'s label: the agent does not short', () => {
    const r = reflector();
    // Flat, and the stock falls 2.94% the next day (bar 1 → 2).
    r.track(step(1, { action: 'BUY', cash: 10_000, position: 0 }));
    r.labelDue(2);
    const outcome = r.producedCases()[0].decision.outcome;
    expect(outcome.rewards.SELL).toBeNull();
    expect(outcome).toMatchObject({ best: 'HOLD', chosen: 'BUY' });
    expect(outcome.regret).toBeGreaterThan(0);
  });

  it('summarises for a decision at t only the cases known strictly before t, its own and prior ones', () => {
    const prior = [memoryCase(0, { id: 'prior-late', decidedAt: closes[2], knownAt: closes[3], features: [1, 0] })];
    const r = reflector({}, 0.01, prior);
    r.track(step(0));
    r.labelDue(1);
    const q = Float64Array.from([1, 0]);
    // At bar 1 the own case became known at that very close: not usable yet.
    expect(r.summarize(1, q)).toMatchObject({ recentCases: 0, similarCases: 0, forecast: null });
    expect(r.summarize(2, q)).toMatchObject({ recentCases: 1, similarCases: 0, forecast: { cases: 1, hits: 1 } });
    expect(r.summarize(3, q).recentCases).toBe(1);
    expect(r.summarize(4, q).recentCases).toBe(2);
  });
});
