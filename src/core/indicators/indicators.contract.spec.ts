import {
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
  smma,
  trueRange,
  wma,
} from './index';
import { Ohlc, mulberry32, randomWalkOhlc, truncateOhlc } from './random-ohlc.fixture';

/**
 * The contract every indicator passes: NaN exactly during its documented warm-up, the same
 * output for the same input, and no look-ahead (a truncated series and a series whose future
 * was rewritten give the same values before the cut).
 */
interface Runner {
  name: string;
  /** Number of leading NaNs on a clean series. */
  warmup: number;
  /** Output is discrete (may legitimately not react to a perturbation). */
  discrete?: boolean;
  run: (bars: Ohlc) => Float64Array[];
}

const runners: Runner[] = [
  { name: 'sma(20)', warmup: 19, run: (b) => [sma(b.close, 20)] },
  { name: 'wma(10)', warmup: 9, run: (b) => [wma(b.close, 10)] },
  { name: 'ema(12)', warmup: 11, run: (b) => [ema(b.close, 12)] },
  { name: 'smma(14)', warmup: 13, run: (b) => [smma(b.close, 14)] },
  { name: 'rollingStdPop(20)', warmup: 19, run: (b) => [rollingStdPop(b.close, 20)] },
  { name: 'rollingStdBacktrader(20)', warmup: 19, run: (b) => [rollingStdBacktrader(b.close, 20)] },
  { name: 'trueRange', warmup: 1, run: (b) => [trueRange(b.high, b.low, b.close)] },
  { name: 'atrWilder(14)', warmup: 14, run: (b) => [atrWilder(b.high, b.low, b.close, 14)] },
  { name: 'rsiWilder(14)', warmup: 14, run: (b) => [rsiWilder(b.close, 14)] },
  { name: 'rollingMax(20)', warmup: 19, run: (b) => [rollingMax(b.high, 20)] },
  { name: 'rollingMin(20)', warmup: 19, run: (b) => [rollingMin(b.low, 20)] },
  {
    name: 'bollinger(20, 2)',
    warmup: 19,
    run: (b) => {
      const bands = bollinger(b.close, 20, 2, 'backtrader');
      return [bands.mid, bands.upper, bands.lower];
    },
  },
  {
    name: 'crossover(sma10, sma20)',
    warmup: 20,
    discrete: true,
    run: (b) => [crossover(sma(b.close, 10), sma(b.close, 20))],
  },
  { name: 'logReturns', warmup: 1, run: (b) => [logReturns(b.close)] },
  { name: 'simplifiedAtr(20)', warmup: 20, run: (b) => [simplifiedAtr(b.close, 20)] },
];

const N = 600;
const bars = randomWalkOhlc(N, 424242);
const rnd = mulberry32(99);
const cuts = [0, 1, 2, 3, 4].map(() => 30 + Math.floor(rnd() * (N - 60)));

/** Same bars up to k − 1; from k on every price is scaled by a random factor in [0.5, 1.5). */
function rewriteFuture(source: Ohlc, k: number, seed: number): Ohlc {
  const r = mulberry32(seed);
  const out = truncateOhlc(source, N);
  for (let t = k; t < N; t++) {
    const f = 0.5 + r();
    out.open[t] *= f;
    out.high[t] *= f;
    out.low[t] *= f;
    out.close[t] *= f;
  }
  return out;
}

describe.each(runners)('indicator contract: $name', ({ warmup, discrete, run }) => {
  const full = run(bars);

  it('returns series as long as the input, NaN exactly during the warm-up', () => {
    for (const line of full) {
      expect(line).toHaveLength(N);
      const firstDefined = line.findIndex((v) => !Number.isNaN(v));
      expect(firstDefined).toBe(warmup);
      expect(line.subarray(warmup).every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  it('gives the same output for the same input', () => {
    expect(run(bars)).toEqual(full);
  });

  it.each(cuts)('gives the same values before a cut at %i on the truncated series', (k) => {
    const cut = run(truncateOhlc(bars, k));
    cut.forEach((line, j) => expect(Array.from(line)).toEqual(Array.from(full[j].subarray(0, k))));
  });

  it.each(cuts)('ignores a rewritten future after %i', (k) => {
    const rewritten = run(rewriteFuture(bars, k, k));
    rewritten.forEach((line, j) => {
      expect(Array.from(line.subarray(0, k))).toEqual(Array.from(full[j].subarray(0, k)));
      if (!discrete) expect(Array.from(line.subarray(k))).not.toEqual(Array.from(full[j].subarray(k)));
    });
  });
});
