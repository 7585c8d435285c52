import { RunMetrics } from '../engine/execute-backtest';
import { PerformanceMetrics } from '../metrics';

/** The metrics a study ranks and summarises by: the default set's numeric fields. */
export const STUDY_METRICS = [
  'sharpe',
  'sortino',
  'calmar',
  'totalReturn',
  'annualReturn',
  'maxDrawdown',
  'annualVolatility',
  'winRate',
  'profitFactor',
  'tradeCount',
  'exposure',
  'turnover',
  'avgHoldingBars',
  'finalEquity',
] as const satisfies ReadonlyArray<keyof PerformanceMetrics>;

export type StudyMetric = (typeof STUDY_METRICS)[number];

export function isStudyMetric(name: string): name is StudyMetric {
  return (STUDY_METRICS as readonly string[]).includes(name);
}

/** A run's value of the metric; null when it is undefined for the run (e.g. a profit factor without losses). */
export function metricOf(metrics: RunMetrics, name: StudyMetric): number | null {
  const v = metrics.default[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Orders items by a metric, best first: descending by default (every default metric but the
 * volatility is better higher; the drawdown is negative), ascending on request. Undefined
 * values go last; ties keep the input order.
 */
export function rankBy<T>(items: readonly T[], value: (item: T) => number | null, order: 'desc' | 'asc' = 'desc'): T[] {
  const sign = order === 'desc' ? -1 : 1;
  return items
    .map((item, i) => ({ item, i, v: value(item) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === null && b.v === null ? a.i - b.i : a.v === null ? 1 : -1;
      return sign * (a.v - b.v) || a.i - b.i;
    })
    .map((x) => x.item);
}
