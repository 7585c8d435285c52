import { describePoint } from '../../../core/studies/parameter-grid';
import type { EvaluationSummary } from '../../../core/studies/evaluation-summary';
import type { SweepHeatmap, SweepSummary, WalkForwardSummary } from '../../../core/studies/sweep-summary';
import type { StudyView } from '../../studies/study.views';
import { fixed, percent } from './format';
import { renderTable } from './table';

/** The ranked runs of a study (the first `top`), then its summary, as terminal tables. */
export function renderStudy(view: StudyView, top: number): string {
  const parts: string[] = [`${view.kind} ${view.id}: ${view.status}, ${view.completed} of ${view.total} runs${view.error ? ` (${view.error})` : ''}`];
  const shown = view.results.slice(0, top);
  const sweep = view.kind === 'sweep';
  const rows = shown.map((r, i) => [
    String(i + 1),
    r.strategy,
    r.symbol,
    sweep ? describePoint(r.params) : '',
    `${r.from}..${r.to}${r.phase === 'run' ? '' : ` (${r.phase} ${r.fold})`}`,
    fixed(r.metrics.default.sharpe),
    percent(r.metrics.default.totalReturn),
    percent(r.metrics.default.maxDrawdown),
    String(r.metrics.default.tradeCount),
    sweep ? fixed(r.deflatedSharpe ?? null, 3) : '',
    r.runId ?? '',
  ]);
  const headers = ['#', 'Strategy', 'Symbol', 'Parameters', 'Window', 'Sharpe', 'CR', 'MDD', 'Trades', 'DSR', 'Stored run'];
  const keep = sweep ? headers.map(() => true) : headers.map((h) => h !== 'Parameters' && h !== 'DSR');
  const pick = <T>(xs: T[]) => xs.filter((_, i) => keep[i]);
  parts.push(`ranked by ${view.sort} (${view.order === 'desc' ? 'higher first' : 'lower first'})${shown.length < view.results.length ? `, first ${shown.length} of ${view.results.length}` : ''}:`);
  parts.push(renderTable(pick(headers), rows.map(pick), pick(['right', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'])));
  const summary = view.summary;
  if (summary && sweep) {
    const s = summary as unknown as SweepSummary & { walkForward: WalkForwardSummary | null };
    parts.push(renderBestPerSymbol(s));
    if (s.heatmap) parts.push(renderHeatmap(s.heatmap));
    if (s.walkForward) parts.push(renderWalkForward(s.walkForward));
  } else if (summary) {
    parts.push(renderEvaluation(summary as unknown as EvaluationSummary));
  }
  if (view.notes.length > 0) parts.push(renderNotes(view.notes));
  return parts.join('\n\n');
}

/** Distinct notes listed; the rest are counted (every run's are in --json). */
const NOTES_SHOWN = 10;

/** What the runs noted (missing inputs, warm-ups), each text once with its count. */
function renderNotes(notes: StudyView['notes']): string {
  const lines = notes.slice(0, NOTES_SHOWN).map((n) => `note: ${n.text} (${n.runs} run${n.runs === 1 ? '' : 's'} of ${n.strategies.join(', ')})`);
  if (notes.length > NOTES_SHOWN) lines.push(`… and ${notes.length - NOTES_SHOWN} other notes (--json gives every run's)`);
  return `what the runs noted:\n${lines.join('\n')}`;
}

function renderBestPerSymbol(s: SweepSummary): string {
  const rows = s.symbols.map((x) => [x.symbol, describePoint(x.best.params), fixed(x.best.value, 3), fixed(x.best.sharpe), String(x.trials), fixed(x.best.deflatedSharpe, 3)]);
  return `best per symbol by ${s.metric}, with the deflated Sharpe ratio (DSR) among its trials:\n${renderTable(['Symbol', 'Parameters', s.metric, 'Sharpe', 'Trials', 'DSR'], rows, ['left', 'left', 'right', 'right', 'right', 'right'])}`;
}

function renderHeatmap(h: SweepHeatmap): string {
  const rows = h.y.values.map((y, yi) => [`${h.y.name}=${y}`, ...h.cells[yi].map((v) => fixed(v))]);
  return `mean ${h.metric} over the symbols (heatmap in the report):\n${renderTable([`${h.y.name} \\ ${h.x.name}`, ...h.x.values.map(String)], rows, ['left', ...h.x.values.map(() => 'right' as const)])}`;
}

function renderWalkForward(w: WalkForwardSummary): string {
  const rows = w.rows.map((r) => [r.symbol, String(r.fold), `${r.train.from}..${r.train.to}`, describePoint(r.params), fixed(r.train.value), `${r.test.from}..${r.test.to}`, fixed(r.test.value)]);
  return `walk-forward by ${w.metric}: mean in sample ${fixed(w.meanTrain)}, out of sample ${fixed(w.meanTest)}\n${renderTable(['Symbol', 'Fold', 'Train', 'Chosen', 'Train', 'Test', 'Test'], rows, ['left', 'right', 'left', 'left', 'right', 'left', 'right'])}`;
}

function renderEvaluation(e: EvaluationSummary): string {
  const ci = (i: { low: number; high: number } | null) => (i ? `${fixed(i.low)}..${fixed(i.high)}` : '–');
  const rows = e.strategies.map((s) => [
    s.strategy,
    String(s.runs),
    fixed(s.distribution.median),
    `${fixed(s.distribution.q1)}..${fixed(s.distribution.q3)}`,
    fixed(s.distribution.mean),
    ci(s.meanInterval),
    s.versusBenchmark ? percent(s.versusBenchmark.shareBeating, 0) : '–',
    s.versusBenchmark ? ci(s.versusBenchmark.meanDifference) : '–',
  ]);
  return `${e.metric} per strategy over symbols × windows (95% bootstrap intervals; benchmark ${e.benchmark}):\n${renderTable(
    ['Strategy', 'Runs', 'Median', 'Q1..Q3', 'Mean', 'Mean CI', `Beats ${e.benchmark}`, 'Diff CI'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  )}`;
}
