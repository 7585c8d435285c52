import type { FinsaberMetrics, PerformanceMetrics } from '../../../core/metrics';
import type { RunRecord } from '../../persistence/run-record';
import { fixed, integer, percent } from './format';
import { Align, renderTable } from './table';

interface StoredMetrics {
  default?: PerformanceMetrics;
  finsaber?: FinsaberMetrics;
}

const DEFAULT_COLUMNS: Array<[string, Align, (m: PerformanceMetrics) => string]> = [
  ['CR', 'right', (m) => percent(m.totalReturn)],
  ['ARR', 'right', (m) => percent(m.annualReturn)],
  ['Sharpe', 'right', (m) => fixed(m.sharpe)],
  ['Sortino', 'right', (m) => fixed(m.sortino)],
  ['Calmar', 'right', (m) => fixed(m.calmar)],
  ['MDD', 'right', (m) => percent(m.maxDrawdown)],
  ['AV', 'right', (m) => percent(m.annualVolatility)],
  ['Win', 'right', (m) => percent(m.winRate, 0)],
  ['PF', 'right', (m) => fixed(m.profitFactor)],
  ['Trades', 'right', (m) => integer(m.tradeCount)],
  ['Expo', 'right', (m) => percent(m.exposure, 0)],
];

const FINSABER_COLUMNS: Array<[string, Align, (m: FinsaberMetrics) => string]> = [
  ['SPR', 'right', (m) => fixed(m.spr, 3)],
  ['CR%', 'right', (m) => fixed(m.cr, 3)],
  ['MDD%', 'right', (m) => fixed(m.mdd, 3)],
  ['AV%', 'right', (m) => fixed(m.av, 3)],
];

/**
 * The side-by-side metrics table of several runs: the default metrics, or FINSABER's
 * columns when every run used the finsaber profile.
 */
export function renderMetricsTable(runs: RunRecord[]): string {
  const finsaber = runs.length > 0 && runs.every((r) => r.profile === 'finsaber');
  const head = ['Strategy', 'Symbol', 'Window'];
  const align: Align[] = ['left', 'left', 'left'];
  const rows = runs.map((r) => {
    const metrics = (r.metrics ?? {}) as StoredMetrics;
    const cells = [r.strategy, r.symbol, `${r.fromDate}..${r.toDate}`];
    if (r.status !== 'done') return [...cells, `${r.status}: ${r.error ?? ''}`];
    if (finsaber) return [...cells, ...FINSABER_COLUMNS.map(([, , f]) => f(metrics.finsaber!)), integer(metrics.default?.tradeCount)];
    return [...cells, ...DEFAULT_COLUMNS.map(([, , f]) => f(metrics.default!))];
  });
  const columns = finsaber ? [...FINSABER_COLUMNS, ['Trades', 'right'] as const] : DEFAULT_COLUMNS;
  for (const [name, a] of columns) {
    head.push(name);
    align.push(a);
  }
  return renderTable(head, rows, align);
}

/** The runs' notes (missing inputs, skipped rows, fallbacks), one line each, under the table. */
export function renderRunNotes(runs: RunRecord[]): string {
  const lines: string[] = [];
  for (const r of runs) {
    for (const note of (r.manifest as { notes?: string[] } | null)?.notes ?? []) lines.push(`note (${r.strategy} ${r.symbol}): ${note}`);
  }
  return lines.join('\n');
}
