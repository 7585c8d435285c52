import { quantileSorted } from 'simple-statistics';
import { seededRandom } from './mulberry32';

/** A confidence interval of a statistic by the percentile bootstrap. */
export interface BootstrapInterval {
  estimate: number;
  low: number;
  high: number;
  /** The interval's level, e.g. 0.95. */
  level: number;
  resamples: number;
  seed: number;
}

export interface BootstrapOptions {
  resamples?: number;
  level?: number;
  seed?: number;
}

/**
 * The percentile-bootstrap interval of the mean of `values`: `resamples` draws of values.length
 * with replacement from a mulberry32 generator seeded with `seed`, so the same input and seed
 * give the same interval. Null for fewer than two values.
 */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions = {}): BootstrapInterval | null {
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 0;
  const n = values.length;
  if (n < 2) return null;
  const random = seededRandom(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)];
    means[b] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  const sorted = Array.from(means);
  return { estimate: sumOf(values) / n, low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail), level, resamples, seed };
}

function sumOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
