import type { FinsaberMetrics, PerformanceMetrics } from '../../core/metrics';

// Records keyed by every metric name: the compiler refuses a missing or unknown name.
const DEFAULT_METRIC_SET: Record<keyof PerformanceMetrics, true> = {
  bars: true, finalEquity: true, totalReturn: true, annualReturn: true, sharpe: true, sortino: true, maxDrawdown: true,
  calmar: true, annualVolatility: true, winRate: true, profitFactor: true, tradeCount: true, exposure: true, turnover: true,
  avgHoldingBars: true,
};
const FINSABER_METRIC_SET: Record<keyof FinsaberMetrics, true> = { spr: true, cr: true, mdd: true, av: true, annualReturn: true };

/** The default metric names, in table order. */
export const DEFAULT_METRIC_NAMES = Object.keys(DEFAULT_METRIC_SET) as Array<keyof PerformanceMetrics>;
/** FINSABER's metric names. */
export const FINSABER_METRIC_NAMES = Object.keys(FINSABER_METRIC_SET) as Array<keyof FinsaberMetrics>;

/**
 * The column of `runs` that holds a metric for sorting: `sort_<set>_<snake_case name>`, e.g.
 * `sort_default_annual_return`. A run's metrics are stored as JSON; each metric is copied into
 * its own indexed column (finite numbers only, else NULL) so that a list sorted by it reads an
 * index instead of extracting the JSON of every row and sorting the whole table.
 */
export function sortColumnName(set: 'default' | 'finsaber', metric: string): string {
  return `sort_${set}_${metric.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** Every metric sort column, by sort key (`metrics.default.sharpe` → `sort_default_sharpe`). */
export const METRIC_SORT_COLUMNS: ReadonlyMap<string, string> = new Map([
  ...DEFAULT_METRIC_NAMES.map((m) => [`metrics.default.${m}`, sortColumnName('default', m)] as const),
  ...FINSABER_METRIC_NAMES.map((m) => [`metrics.finsaber.${m}`, sortColumnName('finsaber', m)] as const),
]);

/** The value of every metric sort column for a run's stored metrics (null for a missing or non-finite metric). */
export function sortColumnValues(metrics: unknown): Array<[column: string, value: number | null]> {
  const sets = (metrics ?? {}) as { default?: Record<string, unknown> | null; finsaber?: Record<string, unknown> | null };
  const valueOf = (set: Record<string, unknown> | null | undefined, name: string) => {
    const v = set?.[name];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return [
    ...DEFAULT_METRIC_NAMES.map((m) => [sortColumnName('default', m), valueOf(sets.default, m)] as [string, number | null]),
    ...FINSABER_METRIC_NAMES.map((m) => [sortColumnName('finsaber', m), valueOf(sets.finsaber, m)] as [string, number | null]),
  ];
}
