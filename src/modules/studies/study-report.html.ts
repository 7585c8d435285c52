import { describePoint } from '../../core/studies/parameter-grid';
import { metricOf, rankBy, StudyMetric } from '../../core/studies/study-metric';
import type { EvaluationSummary } from '../../core/studies/evaluation-summary';
import type { SweepHeatmap, SweepSummary, WalkForwardSummary } from '../../core/studies/sweep-summary';
import { deflatedSharpes } from '../../core/studies/sweep-summary';
import { StudyNote, studyNotes } from '../../core/studies/study-notes';
import { StoredStudyResult, StudyRecord } from '../persistence';

/** Rows of the results table in the report (the best by the study's metric; `sweep show` lists all). */
const REPORT_ROWS = 50;

/**
 * The study's self-contained HTML report: what was asked, the best runs ranked by the study's
 * metric, and for a sweep the deflated Sharpe ratios, the heatmap of a two-parameter grid and
 * the walk-forward folds; for an evaluation the per-strategy distributions and intervals; then
 * what the runs noted (missing inputs, warm-ups).
 */
export function renderStudyReport(study: StudyRecord, results: readonly StoredStudyResult[]): string {
  const summary = study.summary ?? {};
  const metric = ((summary as { metric?: StudyMetric }).metric ?? 'sharpe') as StudyMetric;
  const order = (summary as { order?: 'asc' | 'desc' }).order ?? 'desc';
  const sections: string[] = [];
  if (study.kind === 'sweep') {
    const sweep = summary as unknown as SweepSummary & { walkForward: WalkForwardSummary | null };
    if (sweep.heatmap) sections.push(heatmapHtml(sweep.heatmap));
    sections.push(bestPerSymbolHtml(sweep));
    if (sweep.walkForward) sections.push(walkForwardHtml(sweep.walkForward));
    sections.push(resultsHtml(results.filter((r) => r.phase === 'run'), metric, order, deflatedSharpes(results)));
  } else {
    sections.push(evaluationHtml(summary as unknown as EvaluationSummary));
    sections.push(resultsHtml(results, metric, order, null));
  }
  const notes = studyNotes(results);
  if (notes.length > 0) sections.push(notesHtml(notes));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(study.id)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330}
table{border-collapse:collapse;margin:8px 0 24px}
th,td{padding:3px 8px;border-bottom:1px solid #e3e6ee;text-align:right;white-space:nowrap}
th{background:#f3f5f9}
td.l,th.l{text-align:left}
.heat td{border:1px solid #fff;min-width:52px;text-align:center}
.meta{color:#5a6375}
</style></head><body>
<h1>${esc(study.kind === 'sweep' ? 'Sweep' : 'Evaluation')} ${esc(study.id)}</h1>
<p class="meta">${esc(study.status)} · ${study.completed} of ${study.total} runs · ranked by ${esc(metric)} (${order === 'desc' ? 'higher first' : 'lower first'})</p>
<pre class="meta">${esc(JSON.stringify(study.request, null, 1))}</pre>
${sections.join('\n')}
</body></html>
`;
}

function resultsHtml(results: readonly StoredStudyResult[], metric: StudyMetric, order: 'asc' | 'desc', deflated: Map<number, number | null> | null): string {
  const ranked = rankBy(results, (r) => metricOf(r.metrics, metric), order).slice(0, REPORT_ROWS);
  const rows = ranked
    .map(
      (r, i) =>
        `<tr><td>${i + 1}</td><td class="l">${esc(r.strategy)}</td><td class="l">${esc(r.symbol)}</td><td class="l">${esc(describePoint(r.params))}</td><td class="l">${r.from}..${r.to}</td>` +
        `<td>${num(r.metrics.default.sharpe)}</td><td>${pct(r.metrics.default.totalReturn)}</td><td>${pct(r.metrics.default.maxDrawdown)}</td><td>${r.metrics.default.tradeCount}</td>` +
        (deflated ? `<td>${num(deflated.get(r.index) ?? null, 3)}</td>` : '') +
        `<td class="l">${esc(r.runId ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<h2>Best ${ranked.length} of ${results.length} runs by ${esc(metric)}</h2>
<table><tr><th>#</th><th class="l">Strategy</th><th class="l">Symbol</th><th class="l">Parameters</th><th class="l">Window</th><th>Sharpe</th><th>CR</th><th>MDD</th><th>Trades</th>${deflated ? '<th>DSR</th>' : ''}<th class="l">Stored run</th></tr>
${rows}</table>`;
}

function heatmapHtml(h: SweepHeatmap): string {
  const defined = h.cells.flat().filter((v): v is number => v !== null);
  const lo = Math.min(...defined);
  const hi = Math.max(...defined);
  const colour = (v: number | null) => {
    if (v === null) return '#eee';
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return `hsl(${Math.round(t * 120)},65%,${Math.round(78 - t * 18)}%)`;
  };
  const head = `<tr><th>${esc(h.y.name)} \\ ${esc(h.x.name)}</th>${h.x.values.map((x) => `<th>${esc(String(x))}</th>`).join('')}</tr>`;
  const body = h.y.values
    .map((y, yi) => `<tr><th>${esc(String(y))}</th>${h.cells[yi].map((v) => `<td style="background:${colour(v)}">${num(v)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<h2>Heatmap: mean ${esc(h.metric)} over the symbols</h2>
<table class="heat">${head}
${body}</table>`;
}

function bestPerSymbolHtml(s: SweepSummary): string {
  const rows = s.symbols
    .map((x) => `<tr><td class="l">${esc(x.symbol)}</td><td class="l">${esc(describePoint(x.best.params))}</td><td>${num(x.best.value)}</td><td>${num(x.best.sharpe)}</td><td>${x.trials}</td><td>${num(x.expectedMaxSharpePerBar, 4)}</td><td>${num(x.best.deflatedSharpe, 3)}</td></tr>`)
    .join('\n');
  return `<h2>Best per symbol, with the deflated Sharpe ratio</h2>
<p class="meta">DSR: the probability that the best run's true Sharpe ratio beats the best of as many skill-less trials (Bailey &amp; López de Prado, 2014).</p>
<table><tr><th class="l">Symbol</th><th class="l">Parameters</th><th>${esc(s.metric)}</th><th>Sharpe</th><th>Trials</th><th>E[max SR] per bar</th><th>DSR</th></tr>
${rows}</table>`;
}

function walkForwardHtml(w: WalkForwardSummary): string {
  const rows = w.rows
    .map((r) => `<tr><td class="l">${esc(r.symbol)}</td><td>${r.fold}</td><td class="l">${r.train.from}..${r.train.to}</td><td class="l">${esc(describePoint(r.params))}</td><td>${num(r.train.value)}</td><td class="l">${r.test.from}..${r.test.to}</td><td>${num(r.test.value)}</td></tr>`)
    .join('\n');
  return `<h2>Walk-forward (${esc(w.metric)}: mean in sample ${num(w.meanTrain)}, out of sample ${num(w.meanTest)})</h2>
<table><tr><th class="l">Symbol</th><th>Fold</th><th class="l">Train</th><th class="l">Chosen</th><th>Train</th><th class="l">Test</th><th>Test</th></tr>
${rows}</table>`;
}

function evaluationHtml(e: EvaluationSummary): string {
  const ci = (i: { low: number; high: number } | null) => (i ? `${num(i.low)} .. ${num(i.high)}` : '–');
  const rows = e.strategies
    .map(
      (s) =>
        `<tr><td class="l">${esc(s.strategy)}</td><td>${s.runs}</td><td>${num(s.distribution.median)}</td><td>${num(s.distribution.q1)} .. ${num(s.distribution.q3)}</td><td>${num(s.distribution.mean)}</td><td>${ci(s.meanInterval)}</td>` +
        `<td>${s.versusBenchmark ? pct(s.versusBenchmark.shareBeating) : '–'}</td><td>${s.versusBenchmark ? ci(s.versusBenchmark.meanDifference) : '–'}</td></tr>`,
    )
    .join('\n');
  return `<h2>${esc(e.metric)} per strategy over symbols × windows (benchmark ${esc(e.benchmark)})</h2>
<table><tr><th class="l">Strategy</th><th>Runs</th><th>Median</th><th>Quartiles</th><th>Mean</th><th>95% CI of the mean</th><th>Beats benchmark</th><th>95% CI of mean difference</th></tr>
${rows}</table>`;
}

/** What the runs noted (missing inputs, warm-ups), each text once, as a single backtest's report shows a run's. */
function notesHtml(notes: readonly StudyNote[]): string {
  const rows = notes.map((n) => `<tr><td class="l">${esc(n.text)}</td><td>${n.runs}</td><td class="l">${esc(n.strategies.join(', '))}</td><td class="l">${esc(n.symbols.join(', '))}</td></tr>`).join('\n');
  return `<h2 id="notes">What the runs noted</h2>
<table><tr><th class="l">Note</th><th>Runs</th><th class="l">Strategies</th><th class="l">Symbols</th></tr>
${rows}</table>`;
}

function num(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
