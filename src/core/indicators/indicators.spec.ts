import {
  ExactSum,
  atrWilder,
  bollinger,
  crossover,
  ema,
  logReturns,
  rollingMax,
  rollingMin,
  rollingStdBacktrader,
  rollingStdPop,
  rsiWilder,
  simplifiedAtr,
  sma,
  trueRange,
  wma,
} from './index';
import { mulberry32 } from './random-ohlc.fixture';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const list = (xs: Float64Array): number[] => Array.from(xs);

describe('hand-computed indicator values', () => {
  it('keeps the SMA window sum exact after a huge value leaves the window', () => {
    // A plain rolling sum holds 1e17 + 0.1 = 1e17 after index 1 and then 1e17 - 1e17 + 0.1 = 0.1
    // at index 2, giving 0.05; the exact window (0.1, 0.1) has mean 0.2 / 2 = 0.1.
    const out = sma(f64([1e17, 0.1, 0.1, 0.1]), 2);
    expect(out[2]).toBe(0.1);
    expect(out[3]).toBe(0.1);
  });

  it('matches a direct window mean to 1e-12 where a plain rolling sum drifts', () => {
    // Values in [1, 2) with a 1e8 spike every 97 bars: a plain rolling sum keeps an error of
    // about 1e8·2^-53 ≈ 1e-8 after each spike leaves, far above 1e-12 of a mean near 1.5.
    const rnd = mulberry32(7);
    const xs = new Float64Array(5000);
    for (let i = 0; i < xs.length; i++) xs[i] = i % 97 === 0 ? 1e8 * (1 + rnd()) : 1 + rnd();
    const out = sma(xs, 20);
    let worst = 0;
    for (let t = 19; t < xs.length; t++) {
      let s = 0;
      for (let i = t - 19; i <= t; i++) s += xs[i];
      worst = Math.max(worst, Math.abs(out[t] - s / 20) / (s / 20));
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('rounds an exact sum half-even like math.fsum', () => {
    // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: half-even keeps 1. Adding 2^-80 breaks the
    // tie upwards, so the correctly rounded sum is 1 + 2^-52.
    const s = new ExactSum();
    s.add(1);
    s.add(2 ** -53);
    expect(s.value()).toBe(1);
    s.add(2 ** -80);
    expect(s.value()).toBe(1 + 2 ** -52);
    s.add(-1);
    expect(s.value()).toBe(2 ** -53 + 2 ** -80);
  });

  it('computes WMA with linear weights', () => {
    // p = 3, weights 1,2,3 over 6: index 2 = (1·1 + 2·2 + 3·3)/6 = 14/6; index 3 = (2 + 6 + 12)/6 = 20/6
    const out = wma(f64([1, 2, 3, 4]), 3);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(14 / 6, 14);
    expect(out[3]).toBeCloseTo(20 / 6, 14);
  });

  it('seeds EMA with the SMA and then smooths with alpha 2/(p+1)', () => {
    // p = 3, alpha = 0.5: seed at index 2 = (1+2+3)/3 = 2; then 2·0.5 + 4·0.5 = 3; 3·0.5 + 5·0.5 = 4
    expect(list(ema(f64([1, 2, 3, 4, 5]), 3))).toEqual([NaN, NaN, 2, 3, 4]);
  });

  it('computes population deviations of a two-bar window', () => {
    // window (1,2): mean 1.5, deviations ±0.5, population sd 0.5; likewise (2,3), (3,4)
    expect(list(rollingStdPop(f64([1, 2, 3, 4]), 2))).toEqual([NaN, 0.5, 0.5, 0.5]);
    // backtrader: sqrt(|(1+4)/2 − 1.5²|) = sqrt(2.5 − 2.25) = 0.5
    expect(list(rollingStdBacktrader(f64([1, 2, 3, 4]), 2))).toEqual([NaN, 0.5, 0.5, 0.5]);
  });

  it('builds Bollinger bands k deviations around the SMA', () => {
    // window (1,2): mid 1.5, sd 0.5, k = 2 → upper 2.5, lower 0.5
    const b = bollinger(f64([1, 2, 3]), 2, 2, 'backtrader');
    expect([b.mid[1], b.upper[1], b.lower[1]]).toEqual([1.5, 2.5, 0.5]);
    expect([b.mid[2], b.upper[2], b.lower[2]]).toEqual([2.5, 3.5, 1.5]);
    expect(b.upper[0]).toBeNaN();
  });

  it('computes true range against the previous close and Wilder ATR from index period', () => {
    const high = f64([10, 12, 9, 10]);
    const low = f64([8, 10, 7, 8]);
    const close = f64([9, 11, 8, 9]);
    // TR1 = max(12, 9) − min(10, 9) = 3; TR2 = max(9, 11) − min(7, 11) = 4; TR3 = max(10, 8) − min(8, 8) = 2
    expect(list(trueRange(high, low, close))).toEqual([NaN, 3, 4, 2]);
    // p = 2: ATR(2) = (3 + 4)/2 = 3.5; ATR(3) = 3.5·(1/2) + 2·(1/2) = 2.75
    expect(list(atrWilder(high, low, close, 2))).toEqual([NaN, NaN, 3.5, 2.75]);
  });

  it('computes Wilder RSI and its edge values', () => {
    // p = 2, changes +1, −1, +1, +1. Index 2: gain (1+0)/2 = 0.5, loss (0+1)/2 = 0.5 → RSI 50.
    // Index 3: gain 0.5·0.5 + 1·0.5 = 0.75, loss 0.5·0.5 + 0 = 0.25 → RS 3 → 100 − 100/4 = 75.
    // Index 4: gain 0.875, loss 0.125 → RS 7 → 100 − 100/8 = 87.5.
    expect(list(rsiWilder(f64([1, 2, 1, 2, 3]), 2))).toEqual([NaN, NaN, 50, 75, 87.5]);
    expect(list(rsiWilder(f64([5, 5, 5]), 2))).toEqual([NaN, NaN, 100]);
    expect(list(rsiWilder(f64([5, 4, 3]), 2))).toEqual([NaN, NaN, 0]);
  });

  it('computes rolling extremes over the last period values', () => {
    expect(list(rollingMax(f64([3, 1, 2, 5, 4, 1]), 3))).toEqual([NaN, NaN, 3, 5, 5, 5]);
    expect(list(rollingMin(f64([3, 1, 2, 5, 4, 1]), 3))).toEqual([NaN, NaN, 1, 1, 2, 1]);
  });

  it('computes log returns and the simplified ATR in percent', () => {
    expect(list(logReturns(f64([100, 110, 99])))).toEqual([NaN, Math.log(1.1), Math.log(0.9)]);
    // closes 1, 2, 4, 2 → log returns ln2, ln2, −ln2; p = 2: index 2 sd(ln2, ln2) = 0,
    // index 3 sd(ln2, −ln2) = ln2 → 100·ln2
    const out = simplifiedAtr(f64([1, 2, 4, 2]), 2);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(100 * Math.LN2, 12);
  });

  it('restarts the warm-up after a NaN so indicators can be chained', () => {
    expect(list(sma(f64([NaN, NaN, 1, 2, 3]), 2))).toEqual([NaN, NaN, NaN, 1.5, 2.5]);
    expect(list(sma(f64([1, 2, NaN, 3, 4]), 2))).toEqual([NaN, 1.5, NaN, NaN, 3.5]);
    expect(list(wma(f64([1, NaN, 3, 6]), 2))).toEqual([NaN, NaN, NaN, 5]);
    expect(list(rollingMax(f64([9, NaN, 1, 2]), 2))).toEqual([NaN, NaN, NaN, 2]);
  });

  it('rejects a period that is not a positive integer', () => {
    expect(() => sma(f64([1, 2]), 0)).toThrow(RangeError);
    expect(() => ema(f64([1, 2]), 2.5)).toThrow(RangeError);
    expect(() => trueRange(f64([1, 2]), f64([1]), f64([1, 2]))).toThrow(RangeError);
  });
});

describe('crossover with backtrader semantics', () => {
  it('counts a touch followed by a move to the other side as a cross', () => {
    // d = a − b = [−1, 0, 0.5, 0.5, 0, −1]; nzd(0) = −1 and holds through the touch at 1, so at
    // index 2 nzd(1) = −1 < 0 and a > b → +1. nzd becomes 0.5 and holds through the touch at 4,
    // so at index 5 nzd(4) = 0.5 > 0 and a < b → −1.
    const a = f64([1, 1, 1, 1, 1, 1]);
    const b = f64([2, 1, 0.5, 0.5, 1, 2]);
    expect(list(crossover(a, b))).toEqual([NaN, 0, 1, 0, 0, -1]);
  });

  it('ignores a touch that returns to the same side', () => {
    // d = [−1, 0, −1]: nzd stays −1, and a > b never holds
    expect(list(crossover(f64([1, 1, 1]), f64([2, 1, 2])))).toEqual([NaN, 0, 0]);
  });

  it('seeds nzd with the first defined difference even when it is zero', () => {
    // d = [NaN, 0, 0.5, −1]: f = 1, nzd(1) = 0 (neither < 0 nor > 0) → 0 at index 2;
    // nzd(2) = 0.5 > 0 and a < b at index 3 → −1
    expect(list(crossover(f64([NaN, 1, 1, 1]), f64([NaN, 1, 0.5, 2])))).toEqual([NaN, NaN, 0, -1]);
  });

  it('treats comparisons with NaN as false after the seed', () => {
    // d = [−1, NaN, 1, −1]: at index 1 a > b is false with NaN → 0, and nzd becomes NaN;
    // at index 2 nzd(1) is NaN → 0; at index 3 nzd(2) = 1 > 0 and a < b → −1
    expect(list(crossover(f64([1, NaN, 2, 1]), f64([2, 1, 1, 2])))).toEqual([NaN, 0, 0, -1]);
  });

  it('gives the same signals written over either input as into a new array', () => {
    const a = f64([NaN, NaN, 3, 1, 1, 2, 5, NaN, 4, 1, 1, 3]);
    const b = f64([NaN, 2, 2, 2, 1, 1, 4, 4, 4, 2, 1, 2]);
    const fresh = list(crossover(a, b));
    expect(fresh.filter((v) => v !== 0 && !Number.isNaN(v)).length).toBeGreaterThan(1);
    const overA = f64(list(a));
    expect(crossover(overA, b, overA)).toBe(overA);
    expect(list(overA)).toEqual(fresh);
    const overB = f64(list(b));
    crossover(a, overB, overB);
    expect(list(overB)).toEqual(fresh);
  });
});
