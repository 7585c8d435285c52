import { variance } from '../metrics';
import { deflatedSharpe, expectedMaxSharpe } from './deflated-sharpe';
import { GridPoint, ParameterGrid } from './parameter-grid';
import { StudyResult } from './study-result';
import { metricOf, rankBy, StudyMetric } from './study-metric';

/** The best run of one symbol, with its deflated Sharpe ratio among the symbol's trials. */
export interface SweepSymbolSummary {
  symbol: string;
  trials: number;
  best: { index: number; params: GridPoint; value: number | null; sharpe: number | null; deflatedSharpe: number | null };
  /** The per-bar Sharpe ratio the best of this many skill-less trials would be expected to reach. */
  expectedMaxSharpePerBar: number;
}

/** A two-parameter grid's metric per cell: the mean over the symbols (null where none is defined). */
export interface SweepHeatmap {
  metric: StudyMetric;
  x: { name: string; values: Array<number | string> };
  y: { name: string; values: Array<number | string> };
  /** cells[yi][xi]. */
  cells: Array<Array<number | null>>;
}

export interface SweepSummary {
  metric: StudyMetric;
  order: 'desc' | 'asc';
  symbols: SweepSymbolSummary[];
  heatmap: SweepHeatmap | null;
}

/**
 * The deflated Sharpe ratio of every plain run of a sweep, among the trials of its symbol: the
 * number of trials is the grid's size, and the variance is that of the trials' per-bar Sharpe
 * ratios (Bailey & López de Prado). Keyed by result index.
 */
export function deflatedSharpes(results: readonly StudyResult[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const group of bySymbol(results.filter((r) => r.phase === 'run')).values()) {
    const v = group.length > 1 ? variance(group.map((r) => r.returns.sharpePerBar), 1) : 0;
    for (const r of group) out.set(r.index, deflatedSharpe(r.returns, group.length, v));
  }
  return out;
}

export function summarizeSweep(results: readonly StudyResult[], grid: ParameterGrid, metric: StudyMetric, order: 'desc' | 'asc' = 'desc'): SweepSummary {
  const deflated = deflatedSharpes(results);
  const symbols: SweepSymbolSummary[] = [];
  for (const [symbol, group] of bySymbol(results.filter((r) => r.phase === 'run'))) {
    const best = rankBy(group, (r) => metricOf(r.metrics, metric), order)[0];
    const v = group.length > 1 ? variance(group.map((r) => r.returns.sharpePerBar), 1) : 0;
    symbols.push({
      symbol,
      trials: group.length,
      best: { index: best.index, params: best.params, value: metricOf(best.metrics, metric), sharpe: best.metrics.default.sharpe, deflatedSharpe: deflated.get(best.index) ?? null },
      expectedMaxSharpePerBar: expectedMaxSharpe(group.length, v),
    });
  }
  return { metric, order, symbols, heatmap: sweepHeatmap(results, grid, metric) };
}

/** The heatmap of a grid with exactly two parameters that vary (the others fixed); null otherwise. */
export function sweepHeatmap(results: readonly StudyResult[], grid: ParameterGrid, metric: StudyMetric): SweepHeatmap | null {
  const varying = grid.filter((a) => a.values.length > 1);
  if (varying.length !== 2) return null;
  const [x, y] = varying;
  const sums = y.values.map(() => x.values.map(() => ({ sum: 0, n: 0 })));
  for (const r of results) {
    if (r.phase !== 'run') continue;
    const v = metricOf(r.metrics, metric);
    const xi = x.values.indexOf(r.params[x.name]);
    const yi = y.values.indexOf(r.params[y.name]);
    if (v === null || xi < 0 || yi < 0) continue;
    sums[yi][xi].sum += v;
    sums[yi][xi].n += 1;
  }
  return {
    metric,
    x: { name: x.name, values: [...x.values] },
    y: { name: y.name, values: [...y.values] },
    cells: sums.map((row) => row.map((c) => (c.n > 0 ? c.sum / c.n : null))),
  };
}

/** Walk-forward: the fold's parameters chosen on its training window, and how they did on the test window. */
export interface WalkForwardRow {
  symbol: string;
  fold: number;
  train: { from: string; to: string; value: number | null };
  test: { from: string; to: string; value: number | null; index: number };
  params: GridPoint;
}

export interface WalkForwardSummary {
  metric: StudyMetric;
  rows: WalkForwardRow[];
  /** Means over the folds and symbols: the in-sample value of the chosen parameters and the out-of-sample one. */
  meanTrain: number | null;
  meanTest: number | null;
}

/**
 * For each symbol and fold, the grid point that ranks first on the training window (ties: the
 * first in grid order). Keyed `symbol|fold`.
 */
export function chooseOnTraining(results: readonly StudyResult[], metric: StudyMetric, order: 'desc' | 'asc' = 'desc'): Map<string, StudyResult> {
  const groups = new Map<string, StudyResult[]>();
  for (const r of results) {
    if (r.phase !== 'train') continue;
    const key = `${r.symbol}|${r.fold}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const chosen = new Map<string, StudyResult>();
  for (const [key, group] of groups) chosen.set(key, rankBy(group, (r) => metricOf(r.metrics, metric), order)[0]);
  return chosen;
}

export function summarizeWalkForward(results: readonly StudyResult[], metric: StudyMetric, order: 'desc' | 'asc' = 'desc'): WalkForwardSummary | null {
  const tests = results.filter((r) => r.phase === 'test');
  if (tests.length === 0) return null;
  const chosen = chooseOnTraining(results, metric, order);
  const rows: WalkForwardRow[] = [];
  for (const t of tests) {
    const train = chosen.get(`${t.symbol}|${t.fold}`);
    if (!train) continue;
    rows.push({
      symbol: t.symbol,
      fold: t.fold!,
      params: t.params,
      train: { from: train.from, to: train.to, value: metricOf(train.metrics, metric) },
      test: { from: t.from, to: t.to, value: metricOf(t.metrics, metric), index: t.index },
    });
  }
  rows.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.fold - b.fold));
  return { metric, rows, meanTrain: meanOf(rows.map((r) => r.train.value)), meanTest: meanOf(rows.map((r) => r.test.value)) };
}

function bySymbol(results: readonly StudyResult[]): Map<string, StudyResult[]> {
  const out = new Map<string, StudyResult[]>();
  for (const r of results) {
    const group = out.get(r.symbol);
    if (group) group.push(r);
    else out.set(r.symbol, [r]);
  }
  return out;
}

function meanOf(values: ReadonlyArray<number | null>): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}
