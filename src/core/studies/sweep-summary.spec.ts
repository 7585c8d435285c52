import { RunMetrics } from '../engine/execute-backtest';
import { PerformanceMetrics } from '../metrics';
import { parseParameterGrid } from './parameter-grid';
import { StudyResult } from './study-result';
import { chooseOnTraining, deflatedSharpes, summarizeSweep } from './sweep-summary';

let next = 0;
function result(symbol: string, params: Record<string, number>, sharpe: number, sharpePerBar: number, extra: Partial<StudyResult> = {}): StudyResult {
  const metrics = { default: { sharpe, totalReturn: sharpe / 10 } as PerformanceMetrics } as RunMetrics;
  return { index: next++, strategy: 's', symbol, params, from: '2010-01-01', to: '2011-01-01', phase: 'run', fold: null, metrics, returns: { n: 250, sharpePerBar, skewness: 0, kurtosis: 3 }, notes: [], runId: null, ...extra } as StudyResult;
}

describe('sweep summary', () => {
  const grid = parseParameterGrid('fast=5|10,slow=20|30');
  const results = [
    result('A', { fast: 5, slow: 20 }, 0.5, 0.03),
    result('A', { fast: 5, slow: 30 }, 1.5, 0.09),
    result('A', { fast: 10, slow: 20 }, -0.2, -0.01),
    result('A', { fast: 10, slow: 30 }, 0.1, 0.006),
    result('B', { fast: 5, slow: 20 }, 0.7, 0.04),
    result('B', { fast: 5, slow: 30 }, 0.3, 0.02),
    result('B', { fast: 10, slow: 20 }, 0.4, 0.025),
    result('B', { fast: 10, slow: 30 }, 0.2, 0.012),
  ];

  it('picks the best point per symbol with its deflated Sharpe ratio among the symbol’s trials', () => {
    const summary = summarizeSweep(results, grid, 'sharpe');
    expect(summary.symbols.map((s) => [s.symbol, s.best.params, s.trials])).toEqual([
      ['A', { fast: 5, slow: 30 }, 4],
      ['B', { fast: 5, slow: 20 }, 4],
    ]);
    const dsr = deflatedSharpes(results);
    expect(summary.symbols[0].best.deflatedSharpe).toBe(dsr.get(results[1].index));
    // The best of A stands out from its trials more than the best of B from its own.
    expect(dsr.get(results[1].index)!).toBeGreaterThan(dsr.get(results[4].index)!);
  });

  it('averages the metric over the symbols in each cell of a two-parameter heatmap', () => {
    const heatmap = summarizeSweep(results, grid, 'sharpe').heatmap!;
    expect(heatmap.x).toEqual({ name: 'fast', values: [5, 10] });
    expect(heatmap.y).toEqual({ name: 'slow', values: [20, 30] });
    expect(heatmap.cells[0][0]).toBeCloseTo((0.5 + 0.7) / 2, 12);
    expect(heatmap.cells[1][1]).toBeCloseTo((0.1 + 0.2) / 2, 12);
    expect(summarizeSweep(results, parseParameterGrid('fast=5|10'), 'sharpe').heatmap).toBeNull();
  });

  it('chooses the first-ranked training run of each symbol and fold, the first in grid order on a tie', () => {
    const train = [
      result('A', { fast: 5 }, 0.4, 0, { phase: 'train', fold: 0 }),
      result('A', { fast: 10 }, 0.9, 0, { phase: 'train', fold: 0 }),
      result('A', { fast: 5 }, 0.3, 0, { phase: 'train', fold: 1 }),
      result('A', { fast: 10 }, 0.3, 0, { phase: 'train', fold: 1 }),
    ];
    const chosen = chooseOnTraining(train, 'sharpe');
    expect(chosen.get('A|0')!.params).toEqual({ fast: 10 });
    expect(chosen.get('A|1')!.params).toEqual({ fast: 5 });
    expect(chooseOnTraining(train, 'sharpe', 'asc').get('A|0')!.params).toEqual({ fast: 5 });
  });
});
