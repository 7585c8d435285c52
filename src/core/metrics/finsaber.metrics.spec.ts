import { readFileSync } from 'node:fs';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { computeFinsaberMetrics } from './finsaber.metrics';
import { resultFromEquity } from './backtest-result.fixture';

describe('FINSABER metrics', () => {
  /*
   * V_0 = 100; V = 100, 100, 110, 99, 99 with the strategy active from index 1.
   * r = 0, 0, 0.1, −0.1, 0 (the first against V_0).
   */
  const m = computeFinsaberMetrics(resultFromEquity([100, 100, 110, 99, 99], { activeFrom: 1 }));

  it('computes CR and MDD in percent', () => {
    // CR = (99/100 − 1)·100 = −1; MDD: peak 110, 100·(110 − 99)/110 = 10 → −10
    expect(m.cr).toBeCloseTo(-1, 12);
    expect(m.mdd).toBeCloseTo(-10, 12);
  });

  it('computes AV from the active series with a sample std', () => {
    // active values 100, 110, 99, 99 → q = 0.1, −0.1, 0; mean 0; sample var (0.01 + 0.01)/2 = 0.01
    // AV = 0.1 · √252 · 100 = 10·√252 ≈ 158.745
    expect(m.av).toBeCloseTo(10 * Math.sqrt(252), 10);
  });

  it('computes SPR over all bars with a population std', () => {
    // mean r = 0 → mean e = −rf_d; population var of r = (0.01 + 0.01)/5 = 0.004
    // SPR = √252 · (−rf_d / √0.004) with rf_d = 1.03^(1/252) − 1 = 0.000117303714
    expect(m.spr).toBeCloseTo((Math.sqrt(252) * -0.000117303714) / Math.sqrt(0.004), 9);
  });

  it('computes the annual return over the length of q', () => {
    // (1 − 1/100)^(252/3) − 1 = 0.99^84 − 1
    expect(m.annualReturn).toBeCloseTo(Math.pow(0.99, 84) - 1, 12);
  });

  it('takes the drawdown peak over the bars only, not the initial cash', () => {
    // V = 90, 95 from 100: backtrader's peak starts at V_1 = 90, so there is no drawdown
    expect(computeFinsaberMetrics(resultFromEquity([90, 95])).mdd).toBe(0);
  });

  it('zeroes AV, SPR and the annual return when the value never changed', () => {
    // a loss before activeFrom still shows in CR and MDD, but q = 0, 0 triggers the guard
    const flat = computeFinsaberMetrics(resultFromEquity([100, 95, 95, 95], { activeFrom: 1 }));
    expect(flat).toMatchObject({ spr: 0, av: 0, annualReturn: 0 });
    // CR = (95/100 − 1)·100 = −5 and MDD = −100·5/100 = −5 (up to rounding of 0.95 − 1)
    expect(flat.cr).toBeCloseTo(-5, 12);
    expect(flat.mdd).toBeCloseTo(-5, 12);
    expect(computeFinsaberMetrics(resultFromEquity([100]))).toEqual({ spr: 0, cr: 0, mdd: 0, av: 0, annualReturn: 0 });
  });
});

describeWithSharedData('FINSABER metrics on the reference TSLA broker values', () => {
  const REF = 'finsaber/reference';
  const csv = (name: string): string[][] =>
    readFileSync(sharedDataPath(REF, name), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));

  // ticker,strategy,date,broker_value,in_av_series
  const byStrategy = new Map<string, { values: number[]; activeFrom: number }>();
  for (const [, strategy, , value, inAv] of csv('engine_broker_value_per_bar.csv')) {
    const s = byStrategy.get(strategy) ?? { values: [], activeFrom: -1 };
    if (inAv === '1' && s.activeFrom < 0) s.activeFrom = s.values.length;
    s.values.push(Number(value));
    byStrategy.set(strategy, s);
  }
  // ticker,strategy,metric,paper_rendered,reproduced_value,reproduced_rounded,...
  const published = new Map<string, { value: number; rounded: string }>();
  for (const [, strategy, metric, , value, rounded] of csv('table1_rule_baselines_paper_vs_reproduced.csv')) {
    published.set(`${strategy}/${metric}`, { value: Number(value), rounded });
  }
  const strategies = [...byStrategy.keys()];

  it('covers the six rule strategies over 183 bars', () => {
    expect(strategies).toHaveLength(6);
    for (const s of byStrategy.values()) expect(s.values).toHaveLength(183);
    // AV series lengths of spec 3.6: 183 for B&H and TotM, 169 ATR, 164 Bollinger, 163 SMA/WMA
    expect(strategies.map((k) => 183 - byStrategy.get(k)!.activeFrom).sort()).toEqual([163, 163, 164, 169, 183, 183]);
  });

  it.each(strategies)('reproduces the published SPR, CR, MDD and AV cells of %s', (strategy) => {
    const { values, activeFrom } = byStrategy.get(strategy)!;
    const m = computeFinsaberMetrics(resultFromEquity(values, { initialCash: 100_000, activeFrom }));
    const ours = { SPR: m.spr, CR: m.cr, MDD: m.mdd, AV: m.av };
    for (const [metric, value] of Object.entries(ours)) {
      const cell = published.get(`${strategy}/${metric}`)!;
      expect(`${metric} ${value.toFixed(3)}`).toBe(`${metric} ${Number(cell.rounded).toFixed(3)}`);
      expect(Math.abs(value - cell.value)).toBeLessThan(1e-8);
    }
  });
});
