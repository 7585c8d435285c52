import { FEATURE_COUNT, ForecastFeatureTable } from '../../src/core/agents/forecast/forecast-features';
import { BarSeries } from '../../src/core/market/bar-series';
import { DAY_MS } from '../../src/core/market/dates';
import { MemoryCase } from '../../src/core/reflection/memory-case';
import { memoryCase } from '../../src/core/reflection/memory-case.fixture';
import { seededRandom } from '../../src/core/testing/random-walk';
import { loadAaplSample, repeatContinuous } from '../aapl-series';

/** Stored cases and the query states asked of them. */
export interface RetrievalWorkload {
  name: string;
  description: string;
  cases: MemoryCase[];
  queries: Float64Array[];
  /** Instant after the last label: every case is usable. */
  end: number;
}

/** A sound case with the given state and times (retrieval reads only those). */
function benchCase(i: number, decidedAt: number, knownAt: number, features: number[]): MemoryCase {
  return memoryCase(i, { id: `bench:${i}`, symbol: 'AAPL', decidedAt, knownAt, features, provenance: [{ kind: 'bar', ref: String(i), publishedAt: decidedAt }] });
}

/** The forecaster's state vector at every ready bar of a series. */
function forecasterStates(bars: BarSeries): Array<{ t: number; state: number[] }> {
  const table = new ForecastFeatureTable(bars);
  const v = new Float64Array(FEATURE_COUNT);
  const out: Array<{ t: number; state: number[] }> = [];
  for (let t = 0; t < bars.length - 1; t++) if (table.ready(t)) out.push({ t, state: Array.from(table.vector(table.at(t), v)) });
  return out;
}

/**
 * `n` cases whose states are the forecasting agent's 7 features on the AAPL sample repeated end
 * to end (bench/aapl-series.ts), each decided at a bar's close and known at the next; the
 * queries are the states of the real, unrepeated sample.
 */
export function aaplWorkload(n: number): RetrievalWorkload {
  const sample = loadAaplSample();
  const bars = repeatContinuous('AAPL', sample, n + 40);
  const states = forecasterStates(bars).slice(0, n);
  if (states.length < n) throw new Error(`only ${states.length} ready bars for ${n} cases`);
  const cases = states.map(({ t, state }, i) => benchCase(i, bars.time[t], bars.time[t + 1], state));
  const real = forecasterStates(repeatContinuous('AAPL', sample, sample.close.length));
  return {
    name: 'AAPL states',
    description: `forecaster features on the AAPL sample repeated to ${n.toLocaleString('en-US')} bars; queries: the ${real.length.toLocaleString('en-US')} states of the real sample`,
    cases,
    queries: real.map((r) => Float64Array.from(r.state)),
    end: bars.time[states[states.length - 1].t + 1] + DAY_MS,
  };
}

/** `n` cases with seeded standard-normal 7-dimensional states, one a day, and as many normal queries. */
export function randomWorkload(n: number, queries: number, seed = 1): RetrievalWorkload {
  const rand = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cases = Array.from({ length: n }, (_, i) => benchCase(i, i * DAY_MS, (i + 1) * DAY_MS, Array.from({ length: FEATURE_COUNT }, gaussian)));
  return {
    name: 'random states',
    description: `seeded standard-normal states (seed ${seed}): no structure, the hard case for pruning`,
    cases,
    queries: Array.from({ length: queries }, () => Float64Array.from({ length: FEATURE_COUNT }, gaussian)),
    end: (n + 2) * DAY_MS,
  };
}
