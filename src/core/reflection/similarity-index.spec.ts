import { FEATURE_COUNT, ForecastFeatureTable } from '../agents/forecast/forecast-features';
import { randomWalkSeries, seededRandom } from '../testing/random-walk';
import { CaseMemory, CaseMemoryOptions } from './case-memory';
import { ProjectionIndex } from './similarity-projection';
import { DAY, memoryCase } from './memory-case.fixture';
import { SimilarityIndex } from './similarity-index';
import { scanRows, strideFor } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

type Rand = () => number;

function gaussian(rand: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** States: mostly random, with exact repeats, scaled repeats (equal cosine) and zero vectors mixed in. */
function randomStates(n: number, d: number, rand: Rand): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (i > 10 && r < 0.1) out.push([...out[Math.floor(rand() * i)]]);
    else if (i > 10 && r < 0.15) out.push(out[Math.floor(rand() * i)].map((x) => 3 * x));
    else if (r < 0.16) out.push(new Array(d).fill(0));
    else out.push(Array.from({ length: d }, () => gaussian(rand)));
  }
  return out;
}

/** The forecaster's feature vectors on a random-walk series: clustered, realistic states. */
function forecasterStates(n: number): number[][] {
  const bars = randomWalkSeries(n + 40, 11);
  const table = new ForecastFeatureTable(bars);
  const v = new Float64Array(FEATURE_COUNT);
  const out: number[][] = [];
  for (let t = 0; out.length < n; t++) if (table.ready(t)) out.push(Array.from(table.vector(table.at(t), v)));
  return out;
}

/**
 * Adds the states one by one (labels known 1..10 days after decisions that are not in order)
 * to a brute-force memory and an indexed one, and after every few adds asks both the same
 * queries at random cut-offs: the answers must be the same cases in the same order.
 */
function expectSameAnswers(states: number[][], d: number, rand: Rand, queriesPerRound: number, index: CaseMemoryOptions): number {
  const brute = new CaseMemory(d, { indexFrom: Infinity, projectionFrom: Infinity });
  const indexed = new CaseMemory(d, index);
  let compared = 0;
  states.forEach((features, i) => {
    const decided = i + Math.floor(rand() * 30);
    const c = memoryCase(decided, { id: `c${i}`, features, knownAt: (decided + 1 + Math.floor(rand() * 10)) * DAY });
    expect(indexed.add(c)).toBe(brute.add(c));
    if (i < 150 || i % 97 !== 0) return;
    for (let j = 0; j < queriesPerRound; j++) {
      const q = rand() < 0.5 ? Float64Array.from(states[Math.floor(rand() * states.length)]) : Float64Array.from({ length: d }, () => gaussian(rand));
      const time = rand() < 0.2 ? Infinity : Math.floor(rand() * (i + 40)) * DAY;
      const excludeFrom = rand() < 0.5 ? Infinity : time - Math.floor(rand() * 20) * DAY;
      const k = [1, 5, 5, 20][Math.floor(rand() * 4)];
      expect(indexed.similar(q, time, k, excludeFrom).map((x) => x.id)).toEqual(brute.similar(q, time, k, excludeFrom).map((x) => x.id));
      compared++;
    }
  });
  return compared;
}

const INDEXES: Array<[string, CaseMemoryOptions]> = [
  ['the cluster index', { indexFrom: 200, projectionFrom: Infinity }],
  ['the projection index', { projectionFrom: 100, indexFrom: Infinity }],
];

describe.each(INDEXES)('%s', (_name, index) => {
  it('gives the brute-force answer for random 7-feature states, cut-offs and k, while cases keep arriving', () => {
    const rand = seededRandom(3);
    expect(expectSameAnswers(randomStates(4_000, 7, rand), 7, rand, 60, index)).toBeGreaterThan(2_000);
  });

  it("gives the brute-force answer for the forecaster's own feature vectors", () => {
    const rand = seededRandom(5);
    expect(expectSameAnswers(forecasterStates(3_000), FEATURE_COUNT, rand, 60, index)).toBeGreaterThan(1_500);
  });

  it('gives the brute-force answer for states of 3 and of 12 features', () => {
    for (const d of [3, 12]) {
      const rand = seededRandom(d);
      expect(expectSameAnswers(randomStates(1_500, d, rand), d, rand, 40, index)).toBeGreaterThan(400);
    }
  });
});

/** The forecaster's states as a memory stores them: unit rows of `stride` slots, known at their index. */
function storedForecasterStates(n: number): { states: number[][]; stride: number; rows: Float64Array; knownAt: Float64Array } {
  const states = forecasterStates(n);
  const stride = strideFor(FEATURE_COUNT);
  const rows = new Float64Array(states.length * stride);
  const knownAt = new Float64Array(states.length);
  states.forEach((s, i) => {
    const norm = Math.hypot(...s) || 1;
    s.forEach((x, j) => (rows[i * stride + j] = x / norm));
    knownAt[i] = i;
  });
  return { states, stride, rows, knownAt };
}

/** One of the stored states, zero-padded to `stride` slots, as a query. */
function queryLike(states: number[][], stride: number, rand: Rand): Float64Array {
  const state = states[Math.floor(rand() * states.length)];
  return Float64Array.from({ length: stride }, (_, j) => (j < state.length ? state[j] : 0));
}

describe('SimilarityIndex', () => {
  it('skips most of the rows for a query close to stored states', () => {
    const rand = seededRandom(9);
    const { states, stride, rows, knownAt } = storedForecasterStates(5_000);
    const index = SimilarityIndex.build(rows, stride, knownAt, states.length);
    expect(index.clusters).toBeGreaterThan(40);
    let offered = 0;
    const counting = new SimilarityTopK(5);
    const offer = counting.offer.bind(counting);
    counting.offer = (sim, row) => {
      offered++;
      offer(sim, row);
    };
    const q = queryLike(states, stride, rand);
    index.search(rows, knownAt, q, Infinity, counting);
    const brute = new SimilarityTopK(5);
    scanRows(rows, stride, knownAt, states.length, q, Infinity, brute);
    expect(Array.from(counting.rows)).toEqual(Array.from(brute.rows));
    expect(offered).toBeLessThan(states.length / 5);
  });
});

describe('ProjectionIndex', () => {
  it("reads under a tenth of the rows for the forecaster's states of one market", () => {
    const rand = seededRandom(13);
    const { states, stride, rows, knownAt } = storedForecasterStates(5_000);
    const index = ProjectionIndex.build(rows, stride, states.length);
    for (let j = 0; j < 20; j++) {
      const q = queryLike(states, stride, rand);
      const top = new SimilarityTopK(5);
      index.search(rows, knownAt, q, Infinity, top);
      const brute = new SimilarityTopK(5);
      scanRows(rows, stride, knownAt, states.length, q, Infinity, brute);
      expect(Array.from(top.rows)).toEqual(Array.from(brute.rows));
    }
    const readPerQuery = index.rowsRead / 20;
    expect(readPerQuery).toBeGreaterThan(0);
    expect(readPerQuery).toBeLessThan(states.length / 10);
  });
});
