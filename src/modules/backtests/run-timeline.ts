import { DecisionTraceEntry } from '../../core/engine/backtest-result';
import { isoDay } from '../../core/market/dates';
import type { TimelineEntry } from '../report';

interface Output<T> {
  data: T;
  rationale: string;
  flags: string[];
}

/** A reflection note is shown once per this many sessions (the paper's recency window). */
const NOTE_EVERY = 20;

/**
 * The report's agent timeline from a decision trace: per bar the decision, style, signals and
 * forced exits, and every NOTE_EVERY sessions the reflection's experience summary (a note on
 * every bar would bury the chart). Empty for strategies without agents.
 */
export function timelineOf(trace: readonly DecisionTraceEntry[]): TimelineEntry[] {
  let lastNote = -Infinity;
  const byBar = new Map<number, Map<string, Output<any>>>();
  for (const e of trace) {
    let bar = byBar.get(e.bar);
    if (!bar) byBar.set(e.bar, (bar = new Map()));
    bar.set(e.agent, e.output as Output<any>);
  }
  const out: TimelineEntry[] = [];
  for (const [bar, agents] of byBar) {
    const decision = agents.get('decision');
    const style = agents.get('style');
    if (!decision || !style) continue;
    const entry: TimelineEntry = {
      date: isoDay(trace.find((e) => e.bar === bar)!.time),
      action: decision.data.action,
      confidence: decision.data.confidence,
      score: decision.data.score,
      style: style.data.style,
    };
    const news = agents.get('news');
    if (news && !news.flags.includes('no_data')) entry.news = news.data.score;
    const report = agents.get('report');
    if (report && !report.flags.includes('no_data')) entry.report = report.data.score;
    const forecast = agents.get('forecast');
    if (forecast) entry.forecast = { pUp: forecast.data.pUp, pDown: forecast.data.pDown, pSideways: forecast.data.pSideways, label: forecast.data.label };
    const risk = agents.get('risk');
    if (risk?.data.forced) entry.forced = risk.data.forced;
    const reflection = agents.get('reflection');
    if (reflection && reflection.data.summary.recentCases + reflection.data.summary.similarCases > 0 && bar - lastNote >= NOTE_EVERY) {
      entry.reflection = reflection.rationale;
      lastNote = bar;
    }
    out.push(entry);
  }
  return out;
}
