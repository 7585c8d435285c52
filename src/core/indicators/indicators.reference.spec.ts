import * as ti from 'technicalindicators';
import {
  atrWilder,
  bollinger,
  crossover,
  ema,
  rollingMax,
  rollingMin,
  rollingStdBacktrader,
  rollingStdPop,
  rsiWilder,
  simplifiedAtr,
  sma,
  trueRange,
  wma,
  logReturns,
} from './index';
import { randomWalkOhlc } from './random-ohlc.fixture';

/*
 * Every indicator against the technicalindicators package on a 600-bar seeded random walk.
 * technicalindicators drops the warm-up, so its i-th value belongs to our index
 * n - ref.length + i; each test first checks that this offset is our documented warm-up.
 */
const N = 600;
const bars = randomWalkOhlc(N, 20240601);
const arr = (x: Float64Array): number[] => Array.from(x);

function expectMatchesReference(ours: Float64Array, ref: number[], warmup: number, rel = 1e-9): void {
  expect(ours.length - ref.length).toBe(warmup);
  for (let t = 0; t < warmup; t++) expect(ours[t]).toBeNaN();
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(ours[warmup + i] - ref[i]) / Math.max(Math.abs(ref[i]), 1e-12);
    if (!(err <= worst)) worst = err;
  }
  expect(worst).toBeLessThanOrEqual(rel);
}

describe('indicators match technicalindicators', () => {
  it.each([5, 10, 20])('computes SMA(%i)', (p) => {
    expectMatchesReference(sma(bars.close, p), ti.sma({ period: p, values: arr(bars.close) }), p - 1);
  });

  it.each([5, 10, 20])('computes WMA(%i) with linear weights', (p) => {
    expectMatchesReference(wma(bars.close, p), ti.wma({ period: p, values: arr(bars.close) }), p - 1);
  });

  it.each([5, 12, 26])('computes EMA(%i) seeded with the SMA of the first period values', (p) => {
    expectMatchesReference(ema(bars.close, p), ti.ema({ period: p, values: arr(bars.close) }), p - 1);
  });

  it.each([10, 20])('computes the population rolling std(%i) both ways', (p) => {
    const ref = ti.sd({ period: p, values: arr(bars.close) });
    expectMatchesReference(rollingStdPop(bars.close, p), ref, p - 1);
    expectMatchesReference(rollingStdBacktrader(bars.close, p), ref, p - 1);
  });

  it.each(['population', 'backtrader'] as const)('computes Bollinger(20, 2) bands with %s deviation', (flavour) => {
    const ref = ti.bollingerbands({ period: 20, stdDev: 2, values: arr(bars.close) });
    const bands = bollinger(bars.close, 20, 2, flavour);
    expectMatchesReference(bands.mid, ref.map((r) => r.middle), 19);
    expectMatchesReference(bands.upper, ref.map((r) => r.upper), 19);
    expectMatchesReference(bands.lower, ref.map((r) => r.lower), 19);
  });

  it('computes the true range from index 1', () => {
    const ref = ti.truerange({ high: arr(bars.high), low: arr(bars.low), close: arr(bars.close) });
    expectMatchesReference(trueRange(bars.high, bars.low, bars.close), ref, 1);
  });

  it.each([5, 14])('computes Wilder ATR(%i) with the same seed as technicalindicators', (p) => {
    // technicalindicators seeds its WEMA with the SMA of the first p true ranges (indices 1..p),
    // exactly the backtrader/FINSABER convention, so the first value sits at index p in both.
    const ref = ti.atr({ period: p, high: arr(bars.high), low: arr(bars.low), close: arr(bars.close) });
    expectMatchesReference(atrWilder(bars.high, bars.low, bars.close, p), ref, p);
  });

  it.each([7, 14])('computes Wilder RSI(%i) from the reference average gain and loss', (p) => {
    // technicalindicators' RSI rounds to 2 decimals (toFixed(2)), so the exact comparison is
    // against 100 - 100 / (1 + gain/loss) built from its unrounded AverageGain/AverageLoss.
    const gain = ti.averagegain({ period: p, values: arr(bars.close) });
    const loss = ti.averageloss({ period: p, values: arr(bars.close) });
    const exact = gain.map((g, i) => 100 - 100 / (1 + g / loss[i]));
    const ours = rsiWilder(bars.close, p);
    expectMatchesReference(ours, exact, p);

    const rounded = ti.rsi({ period: p, values: arr(bars.close) });
    expect(ours.length - rounded.length).toBe(p);
    rounded.forEach((r, i) => expect(Math.abs(ours[p + i] - r)).toBeLessThanOrEqual(0.005 + 1e-9));
  });

  it.each([5, 20])('computes the rolling max and min over %i bars', (p) => {
    expectMatchesReference(rollingMax(bars.high, p), ti.highest({ period: p, values: arr(bars.high) }), p - 1, 0);
    expectMatchesReference(rollingMin(bars.low, p), ti.lowest({ period: p, values: arr(bars.low) }), p - 1, 0);
  });

  it('computes the simplified ATR as 100 x the population std of 20 log returns', () => {
    const lr = logReturns(bars.close);
    const ref = ti.sd({ period: 20, values: arr(lr.subarray(1)) }).map((s) => 100 * s);
    expectMatchesReference(simplifiedAtr(bars.close, 20), ref, 20);
  });

  it('flags the same SMA(10)/SMA(20) crosses as CrossUp/CrossDown once both lines exist', () => {
    // On continuous random data there are no ties, where the two conventions could differ;
    // technicalindicators also flags index 0 of its input, which backtrader leaves undefined.
    const fast = sma(bars.close, 10);
    const slow = sma(bars.close, 20);
    const cross = crossover(fast, slow);
    const lineA = arr(fast.subarray(19));
    const lineB = arr(slow.subarray(19));
    const up = ti.crossUp({ lineA, lineB });
    const down = ti.crossDown({ lineA, lineB });
    for (let t = 0; t <= 19; t++) expect(cross[t]).toBeNaN();
    for (let j = 1; j < up.length; j++) {
      expect(cross[19 + j] === 1).toBe(up[j]);
      expect(cross[19 + j] === -1).toBe(down[j]);
    }
    expect(up.filter(Boolean).length).toBeGreaterThan(3);
    expect(down.filter(Boolean).length).toBeGreaterThan(3);
  });
});
