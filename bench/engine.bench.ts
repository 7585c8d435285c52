import { runBacktest } from '../src/core/engine/engine';
import { DEFAULT_ENGINE_CONFIG } from '../src/core/engine/engine-config';
import { BarSeries } from '../src/core/market/bar-series';
import { NO_MARKET_INPUTS } from '../src/core/market/market-inputs';
import { createStrategy, resolveParams } from '../src/core/strategies/registry';
import { Strategy, StrategyContext } from '../src/core/strategies/strategy';
import { loadAaplSample, repeatContinuous } from './aapl-series';
import { handWrittenSmaCross, HandWrittenParams } from './hand-written';
import { DEFAULT_TIMING, timeMedian, Timing, TimingOptions } from './timing';

/** Bars in the benchmark series (AAPL 2013–2018 repeated ~794 times). */
export const BENCH_BARS = 1_000_000;

/** Largest accepted relative gap between the engine's and the hand-written equity. */
export const EQUITY_TOLERANCE = 1e-6;

const config = DEFAULT_ENGINE_CONFIG;

/** One benchmark: a name, a throughput goal, and how to build the timed call for a series. */
export interface EngineBenchmark {
  name: string;
  /** Throughput goal in bars/s (null when there is none). */
  target: number | null;
  /** Untimed preparation; returns the call to time. */
  prepare(bars: BarSeries): () => unknown;
}

/** One measured benchmark. */
export interface BenchResult {
  id: string;
  name: string;
  bars: number;
  timing: Timing;
  barsPerSecond: number;
  target: number | null;
}

/**
 * Runs an already initialised strategy: `init` is a no-op, so timing runBacktest with it
 * measures the engine's bar loop without the indicator work. Bench-only.
 */
class PrecomputedStrategy implements Strategy {
  readonly name: string;
  readonly minPeriod: number;

  constructor(private readonly inner: Strategy) {
    this.name = inner.name;
    this.minPeriod = inner.minPeriod;
  }

  init(): void {}

  onBar(ctx: StrategyContext): void {
    this.inner.onBar(ctx);
  }
}

function precomputedSmaCross(bars: BarSeries): Strategy {
  const inner = createStrategy('sma-cross', {});
  inner.init(bars, { allowShort: config.allowShort, startBar: 0, commission: config.commission, fillAt: config.fillAt, slippageBps: config.slippageBps, inputs: NO_MARKET_INPUTS });
  return new PrecomputedStrategy(inner);
}

function handWrittenParams(): HandWrittenParams {
  if (config.commission.kind !== 'per-share') throw new Error('the hand-written loop models the per-share commission only');
  const { fast, slow, tradeSize } = resolveParams('sma-cross') as { fast: number; slow: number; tradeSize: number };
  return { initialCash: config.initialCash, fast, slow, tradeSize, ...config.commission };
}

/** The benchmarks, by id, in the order they are reported. */
export const ENGINE_BENCHMARKS: Readonly<Record<string, EngineBenchmark>> = {
  loop: {
    name: 'engine loop (indicators precomputed)',
    target: 20e6,
    prepare: (bars) => {
      const strategy = precomputedSmaCross(bars);
      return () => runBacktest(bars, strategy, config);
    },
  },
  'end-to-end': {
    name: 'engine end to end (with indicators)',
    target: 10e6,
    prepare: (bars) => () => runBacktest(bars, createStrategy('sma-cross', {}), config),
  },
  'no-orders': {
    name: 'diagnostic: engine loop, never trades',
    target: null,
    prepare: (bars) => {
      const idle: Strategy = { name: 'idle', minPeriod: 21, init() {}, onBar() {} };
      return () => runBacktest(bars, idle, config);
    },
  },
  'hand-written': {
    name: 'hand-written Float64Array loop',
    target: null,
    prepare: (bars) => {
      const params = handWrittenParams();
      return () => handWrittenSmaCross(bars.open, bars.close, params);
    },
  },
};

/** The AAPL sample repeated continuously to {@link BENCH_BARS} daily bars. */
export function benchSeries(): BarSeries {
  return repeatContinuous('AAPL', loadAaplSample(), BENCH_BARS);
}

/** Times one benchmark of {@link ENGINE_BENCHMARKS} on `bars` (median of the timed runs). */
export function measure(id: string, bars: BarSeries, timing: TimingOptions = DEFAULT_TIMING): BenchResult {
  const bench = ENGINE_BENCHMARKS[id];
  if (!bench) throw new Error(`unknown benchmark "${id}" (known: ${Object.keys(ENGINE_BENCHMARKS).join(', ')})`);
  const t = timeMedian(bench.prepare(bars), timing);
  return { id, name: bench.name, bars: bars.length, timing: t, barsPerSecond: bars.length / (t.medianMs / 1000), target: bench.target };
}

/** Final equities and fills of the engine and the hand-written loop on the same series. */
export interface Agreement {
  engineEquity: number;
  handWrittenEquity: number;
  engineFills: number;
  handWrittenFills: number;
  /** Largest relative equity gap over all bars. */
  worstGap: number;
}

/**
 * Runs the engine (both ways) and the hand-written loop once each, untimed, and throws
 * ("BENCH FAILED") unless their equity agrees within {@link EQUITY_TOLERANCE} relative at
 * every bar and they fill the same number of orders: the speed comparison is only honest if
 * both compute the same thing.
 */
export function checkAgreement(bars: BarSeries): Agreement {
  const engine = runBacktest(bars, precomputedSmaCross(bars), config);
  const endToEnd = runBacktest(bars, createStrategy('sma-cross', {}), config);
  const hand = handWrittenSmaCross(bars.open, bars.close, handWrittenParams());
  const n = bars.length;
  let worstGap = relativeGap(engine.equity[n - 1], endToEnd.equity[n - 1]);
  let worstBar = n - 1;
  for (let t = 0; t < n; t++) {
    const gap = relativeGap(engine.equity[t], hand.equity[t]);
    if (!(gap <= worstGap)) [worstGap, worstBar] = [gap, t];
  }
  const engineFills = engine.orders.filter((o) => o.status === 'filled').length;
  const result = { engineEquity: engine.equity[n - 1], handWrittenEquity: hand.finalEquity, engineFills, handWrittenFills: hand.fills, worstGap };
  if (!(worstGap <= EQUITY_TOLERANCE)) {
    throw new Error(
      `BENCH FAILED: equity differs by ${worstGap.toExponential(2)} (relative, tolerance ${EQUITY_TOLERANCE}) at bar ${worstBar}: ` +
        `engine ${engine.equity[worstBar]}, end to end ${endToEnd.equity[worstBar]}, hand-written ${hand.equity[worstBar]}`,
    );
  }
  if (engineFills !== hand.fills) throw new Error(`BENCH FAILED: engine filled ${engineFills} orders, the hand-written loop ${hand.fills}`);
  return result;
}

function relativeGap(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
