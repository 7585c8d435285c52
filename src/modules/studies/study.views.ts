import { GridPoint } from '../../core/studies/parameter-grid';
import { isStudyMetric, metricOf, rankBy, STUDY_METRICS, StudyMetric } from '../../core/studies/study-metric';
import { StudyPhase } from '../../core/studies/study-result';
import { deflatedSharpes } from '../../core/studies/sweep-summary';
import { StudyNote, studyNotes } from '../../core/studies/study-notes';
import type { RunMetrics } from '../../core/engine/execute-backtest';
import { InputError } from '../backtests/input.error';
import { StoredStudyResult, StudyRecord } from '../persistence';

/** One run of a study as the CLI's --json and the REST API show it. */
export interface StudyResultView {
  index: number;
  strategy: string;
  symbol: string;
  params: GridPoint;
  from: string;
  to: string;
  phase: StudyPhase;
  fold: number | null;
  metrics: RunMetrics;
  /** Sweeps: the deflated Sharpe ratio among the symbol's trials (plain runs only). */
  deflatedSharpe?: number | null;
  /** What the run noted (missing inputs, warm-ups), as a single backtest of it shows them. */
  notes: string[];
  runId: string | null;
}

export interface StudyView {
  id: string;
  kind: string;
  status: string;
  /** Share of the runs measured, 0..100. */
  progress: number;
  total: number;
  completed: number;
  request: Record<string, unknown>;
  summary: Record<string, unknown> | null;
  error: string | null;
  /** The runs' notes, each text once with how many runs (of the whole study) made it, the most frequent first. */
  notes: StudyNote[];
  createdAt: string;
  finishedAt: string | null;
  sort: StudyMetric;
  order: 'desc' | 'asc';
  results: StudyResultView[];
}

/** Validates a metric name from a flag or a query; the error lists the metrics. */
export function studyMetric(field: string, value: string): StudyMetric {
  if (!isStudyMetric(value)) throw new InputError(`${field}: expected one of ${STUDY_METRICS.join(', ')}, got "${value}"`, field);
  return value;
}

/**
 * A study with its runs ranked by `sort` (default: the study's metric), best first; `limit`
 * keeps the first ones (all by default).
 */
export function studyView(study: StudyRecord, results: readonly StoredStudyResult[], options: { sort?: StudyMetric; order?: 'desc' | 'asc'; limit?: number } = {}): StudyView {
  const request = study.request as { metric?: StudyMetric; order?: 'desc' | 'asc' };
  const sort = options.sort ?? request.metric ?? 'sharpe';
  const order = options.order ?? (options.sort ? 'desc' : request.order ?? 'desc');
  const deflated = study.kind === 'sweep' ? deflatedSharpes(results) : null;
  const ranked = rankBy(results, (r) => metricOf(r.metrics, sort), order).slice(0, options.limit ?? results.length);
  return {
    id: study.id,
    kind: study.kind,
    status: study.status,
    progress: study.total > 0 ? Math.round((study.completed / study.total) * 1000) / 10 : 0,
    total: study.total,
    completed: study.completed,
    request: study.request,
    summary: study.summary,
    error: study.error,
    notes: studyNotes(results),
    createdAt: new Date(study.createdAt).toISOString(),
    finishedAt: study.finishedAt === null ? null : new Date(study.finishedAt).toISOString(),
    sort,
    order,
    results: ranked.map((r) => ({
      index: r.index,
      strategy: r.strategy,
      symbol: r.symbol,
      params: r.params,
      from: r.from,
      to: r.to,
      phase: r.phase,
      fold: r.fold,
      metrics: r.metrics,
      ...(deflated && r.phase === 'run' && { deflatedSharpe: deflated.get(r.index) ?? null }),
      notes: r.notes,
      runId: r.runId,
    })),
  };
}
