import { RunMetrics } from '../engine/execute-backtest';
import { PerformanceMetrics } from '../metrics';
import { distributionOf, summarizeEvaluation } from './evaluation-summary';
import { StudyResult } from './study-result';

function result(strategy: string, symbol: string, from: string, sharpe: number): StudyResult {
  const metrics = { default: { sharpe } as PerformanceMetrics } as RunMetrics;
  return { index: 0, strategy, symbol, params: {}, from, to: from, phase: 'run', fold: null, metrics, returns: { n: 0, sharpePerBar: 0, skewness: null, kurtosis: null }, notes: [], runId: null };
}

describe('evaluation summary', () => {
  const results = [
    result('buy-and-hold', 'A', '2010-01-01', 1.0),
    result('buy-and-hold', 'A', '2011-01-01', 0.2),
    result('buy-and-hold', 'B', '2010-01-01', 0.5),
    result('sma', 'A', '2010-01-01', 1.5),
    result('sma', 'A', '2011-01-01', 0.1),
    result('sma', 'B', '2010-01-01', 0.5),
  ];

  it('counts the share of (symbol, window) pairs where a strategy strictly beats the benchmark', () => {
    const summary = summarizeEvaluation(results, 'sharpe', 'buy-and-hold', { resamples: 200 });
    const sma = summary.strategies.find((s) => s.strategy === 'sma')!;
    expect(sma.versusBenchmark!.pairs).toBe(3);
    expect(sma.versusBenchmark!.shareBeating).toBeCloseTo(1 / 3, 12);
    expect(sma.versusBenchmark!.meanDifference!.estimate).toBeCloseTo((0.5 - 0.1 + 0) / 3, 12);
    expect(summary.strategies.find((s) => s.strategy === 'buy-and-hold')!.versusBenchmark).toBeNull();
  });

  it('gives the median and quartiles of the metric', () => {
    // Linear interpolation between order statistics (R-7, numpy's default), as simple-statistics computes them.
    expect(distributionOf([4, 1, 3, 2])).toEqual({ n: 4, mean: 2.5, median: 2.5, q1: 1.75, q3: 3.25, min: 1, max: 4 });
    expect(distributionOf([])).toMatchObject({ n: 0, median: null });
  });
});
