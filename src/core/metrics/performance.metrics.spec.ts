import { computeMetrics } from './performance.metrics';
import { mean, sampleStd, simpleReturns } from './series-stats';
import { order, resultFromEquity, trade } from './backtest-result.fixture';

/*
 * A 5-bar curve from 100 with returns +10%, −10%, +10%, +10%, −10%:
 * E = 110, 99, 108.9, 119.79, 107.811.
 * mean r = (0.1 − 0.1 + 0.1 + 0.1 − 0.1)/5 = 0.02; deviations 0.08, −0.12, 0.08, 0.08, −0.12;
 * squares 3·0.0064 + 2·0.0144 = 0.048; sample variance 0.048/4 = 0.012.
 */
const EQUITY = [110, 99, 108.9, 119.79, 107.811];
const SAMPLE_STD = Math.sqrt(0.012);

describe('default performance metrics', () => {
  const noRf = computeMetrics(resultFromEquity(EQUITY), { riskFreeRate: 0, periodsPerYear: 4 });

  it('computes total and annual return', () => {
    // CR = 107.811/100 − 1 = 0.07811; ARR over 5 bars at 4 bars a year = 1.07811^(4/5) − 1
    expect(noRf.totalReturn).toBeCloseTo(0.07811, 12);
    expect(noRf.annualReturn).toBeCloseTo(Math.pow(1.07811, 0.8) - 1, 12);
    expect(noRf.bars).toBe(5);
    expect(noRf.finalEquity).toBe(107.811);
  });

  it('computes Sharpe, Sortino and volatility with a zero risk-free rate', () => {
    // Sharpe = 0.02 / √0.012 · √4 ≈ 0.36515
    expect(noRf.sharpe).toBeCloseTo((0.02 / SAMPLE_STD) * 2, 12);
    // downside: min(r,0)² = 0, 0.01, 0, 0, 0.01 → mean 0.004 → Sortino = 0.02/√0.004 · 2 ≈ 0.63246
    expect(noRf.sortino).toBeCloseTo((0.02 / Math.sqrt(0.004)) * 2, 12);
    // AV = √0.012 · √4 ≈ 0.21909
    expect(noRf.annualVolatility).toBeCloseTo(SAMPLE_STD * 2, 12);
  });

  it('subtracts the per-bar compounded risk-free rate', () => {
    // rf_bar = 1.03^(1/252) − 1 ≈ 1.17304e−4; the std is unchanged by the shift
    const m = computeMetrics(resultFromEquity(EQUITY));
    const rfBar = Math.pow(1.03, 1 / 252) - 1;
    expect(rfBar).toBeCloseTo(0.000117303714, 12);
    expect(m.sharpe).toBeCloseTo(((0.02 - rfBar) / SAMPLE_STD) * Math.sqrt(252), 10);
    // downside: e = 0.1 − rf (×3, none negative), −0.1 − rf (×2) → mean((0.1 + rf)²·2/5)
    const dd = Math.sqrt((2 * (0.1 + rfBar) ** 2) / 5);
    expect(m.sortino).toBeCloseTo(((0.02 - rfBar) / dd) * Math.sqrt(252), 10);
  });

  it('computes max drawdown from running peaks and Calmar from it', () => {
    // peaks 110 → 99/110 − 1 = −0.1; then 119.79 → 107.811/119.79 − 1 = −0.1
    expect(noRf.maxDrawdown).toBeCloseTo(-0.1, 12);
    expect(noRf.calmar).toBeCloseTo((Math.pow(1.07811, 0.8) - 1) / 0.1, 10);
  });

  it('counts a loss on the first bar against the initial cash', () => {
    // E = 90, 95 from 100: the peak is the initial 100, so MDD = 90/100 − 1 = −0.1
    expect(computeMetrics(resultFromEquity([90, 95])).maxDrawdown).toBeCloseTo(-0.1, 12);
  });

  it('computes trade statistics', () => {
    // pnl 10, −5, 0, 20: wins 2 of 4 = 0.5; profit factor (10 + 20)/5 = 6; bars (2+4+1+3)/4 = 2.5
    const m = computeMetrics(resultFromEquity(EQUITY, { trades: [trade(10, 2), trade(-5, 4), trade(0, 1), trade(20, 3)] }));
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBe(6);
    expect(m.tradeCount).toBe(4);
    expect(m.avgHoldingBars).toBe(2.5);
  });

  it('computes exposure and annualised turnover of filled orders only', () => {
    const m = computeMetrics(
      resultFromEquity(EQUITY, {
        position: [0, 10, 10, 0, -5],
        orders: [order('filled', 10, 10), order('filled', 15, 11, 'sell'), order('rejected', 0, 50), order('cancelled', 7, 10)],
      }),
      { periodsPerYear: 4 },
    );
    // 3 of 5 bars hold a position
    expect(m.exposure).toBe(0.6);
    // traded 10·10 + 15·11 = 265; mean E = 545.501/5 = 109.1002; × 4/5 bars a year
    expect(m.turnover).toBeCloseTo((265 / 109.1002) * 0.8, 12);
  });

  it('handles a flat curve without trades', () => {
    const m = computeMetrics(resultFromEquity([100, 100, 100]), { riskFreeRate: 0 });
    expect(m).toMatchObject({
      totalReturn: 0, annualReturn: 0, sharpe: 0, sortino: null, maxDrawdown: 0, calmar: null, annualVolatility: 0,
      winRate: null, profitFactor: null, tradeCount: 0, avgHoldingBars: null, exposure: 0, turnover: 0,
    });
  });

  it('reports a flat curve as lagging a positive risk-free rate', () => {
    // Sharpe is 0 since the std is exactly 0; every excess return is −rf_bar, so the downside
    // deviation is rf_bar and Sortino = −rf_bar / rf_bar · √252 = −√252
    const m = computeMetrics(resultFromEquity([100, 100, 100]));
    expect(m.sharpe).toBe(0);
    expect(m.sortino).toBeCloseTo(-Math.sqrt(252), 10);
  });

  it('leaves profit factor undefined when no trade lost', () => {
    const m = computeMetrics(resultFromEquity(EQUITY, { trades: [trade(10, 1), trade(5, 2)] }));
    expect(m.winRate).toBe(1);
    expect(m.profitFactor).toBeNull();
  });

  it('returns null return metrics for an empty window', () => {
    const m = computeMetrics(resultFromEquity([]));
    expect(m).toMatchObject({ bars: 0, finalEquity: 100, totalReturn: null, sharpe: 0, maxDrawdown: null });
  });

  it('floors the annual return at −100% once equity is gone', () => {
    expect(computeMetrics(resultFromEquity([50, 0])).annualReturn).toBe(-1);
  });

  it('gives the Sharpe, Sortino and volatility of the return-series definitions to the last bit', () => {
    // A seeded walk: long curves, curves stuck at the initial cash, two-bar curves.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (const length of [2, 3, 17, 1_000, 20_000]) {
      for (const rf of [0, 0.03, 0.1]) {
        const equity: number[] = [];
        let value = 100 * (0.5 + random());
        for (let i = 0; i < length; i++) equity.push((value *= 1 + (random() - 0.5) * 0.05));
        const m = computeMetrics(resultFromEquity(equity), { riskFreeRate: rf });
        const r = simpleReturns(equity, 100);
        const rfBar = Math.pow(1 + rf, 1 / 252) - 1;
        const excess = r.map((x) => x - rfBar);
        const std = sampleStd(r);
        let downside = 0;
        for (const e of excess) if (e < 0) downside += e * e;
        expect(m.sharpe).toBe(std < 1e-12 ? 0 : (mean(excess) / std) * Math.sqrt(252));
        const downsideDev = Math.sqrt(downside / length);
        expect(m.sortino).toBe(downsideDev < 1e-12 ? null : (mean(excess) / downsideDev) * Math.sqrt(252));
        expect(m.annualVolatility).toBe(std * Math.sqrt(252));
      }
    }
  });
});
