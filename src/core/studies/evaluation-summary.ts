import { quantileSorted } from 'simple-statistics';
import { bootstrapMean, BootstrapInterval, BootstrapOptions } from './bootstrap';
import { StudyResult } from './study-result';
import { metricOf, StudyMetric } from './study-metric';

/** The spread of a metric over a strategy's runs (symbols × windows), where it is defined. */
export interface MetricDistribution {
  n: number;
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

/** One strategy of an evaluation. */
export interface StrategyEvaluation {
  strategy: string;
  runs: number;
  distribution: MetricDistribution;
  /** Bootstrap interval of the mean of the metric. */
  meanInterval: BootstrapInterval | null;
  /**
   * Against the benchmark on the same symbol and window: the share of pairs where this strategy's
   * metric is strictly higher, and the bootstrap interval of the mean difference. Null for the
   * benchmark itself.
   */
  versusBenchmark: { pairs: number; shareBeating: number | null; meanDifference: BootstrapInterval | null } | null;
}

export interface EvaluationSummary {
  metric: StudyMetric;
  benchmark: string;
  strategies: StrategyEvaluation[];
}

/**
 * Summarises an evaluation per strategy over every (symbol, window) run: the metric's median,
 * quartiles (simple-statistics' quantile: linear interpolation between order statistics, numpy's
 * default), mean with its bootstrap interval,
 * and the paired comparison with the benchmark strategy. Resampling is seeded (`bootstrap.seed`),
 * so the same results give the same intervals.
 */
export function summarizeEvaluation(results: readonly StudyResult[], metric: StudyMetric, benchmark: string, bootstrap: BootstrapOptions = {}): EvaluationSummary {
  const byStrategy = new Map<string, StudyResult[]>();
  for (const r of results) {
    const group = byStrategy.get(r.strategy);
    if (group) group.push(r);
    else byStrategy.set(r.strategy, [r]);
  }
  const benchmarkValue = new Map<string, number | null>();
  for (const r of byStrategy.get(benchmark) ?? []) benchmarkValue.set(pairKey(r), metricOf(r.metrics, metric));
  const strategies: StrategyEvaluation[] = [];
  for (const [strategy, group] of byStrategy) {
    const values = group.map((r) => metricOf(r.metrics, metric)).filter((v): v is number => v !== null);
    let versusBenchmark: StrategyEvaluation['versusBenchmark'] = null;
    if (strategy !== benchmark) {
      const differences: number[] = [];
      for (const r of group) {
        const own = metricOf(r.metrics, metric);
        const other = benchmarkValue.get(pairKey(r));
        if (own !== null && other !== null && other !== undefined) differences.push(own - other);
      }
      versusBenchmark = {
        pairs: differences.length,
        shareBeating: differences.length === 0 ? null : differences.filter((d) => d > 0).length / differences.length,
        meanDifference: bootstrapMean(differences, bootstrap),
      };
    }
    strategies.push({ strategy, runs: group.length, distribution: distributionOf(values), meanInterval: bootstrapMean(values, bootstrap), versusBenchmark });
  }
  return { metric, benchmark, strategies };
}

export function distributionOf(values: readonly number[]): MetricDistribution {
  if (values.length === 0) return { n: 0, mean: null, median: null, q1: null, q3: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

function pairKey(r: StudyResult): string {
  return `${r.symbol}|${r.from}|${r.to}`;
}
