import type { EarningsRecord } from '../../market/fundamentals';
import type { Provenance } from '../agent';
import { EarningsIndicators, earningsAsOf, earningsIndicators, EarningsView } from './earnings.indicators';
import type { ReportAgentParams } from './financial-report.params';
import { earningsEvidence } from './report-score.rule';
import { earningsFindings } from './risks-opportunities.rule';

/** Everything about the public earnings that does not change until a new record becomes public. */
export interface EarningsAnalysis {
  view: EarningsView;
  /** Indicators as of the first decision that saw this state (`daysSinceRelease` must be recomputed). */
  indicators: EarningsIndicators;
  /** E of report-score.rule.ts. */
  evidence: number;
  risks: readonly string[];
  opportunities: readonly string[];
  /** Every record the indicators used, once, latest quarter first. */
  provenance: readonly Provenance[];
}

/**
 * Analyses the earnings public at each decision, recomputing only when the public set changes.
 * For one records array the public set only grows with time, so the array's identity and the
 * number of public records identify it exactly; a pipeline that passes the same array until a
 * new record appears pays one pass of comparisons per decision.
 */
export class EarningsAnalyser {
  private records: readonly EarningsRecord[] | null = null;
  private symbol = '';
  private visible = -1;
  private analysis: EarningsAnalysis | null = null;

  constructor(private readonly params: ReportAgentParams) {}

  /** The analysis at `time`, or null when no record is public. */
  at(symbol: string, records: readonly EarningsRecord[], time: number): EarningsAnalysis | null {
    let visible = 0;
    for (let i = 0; i < records.length; i++) if (records[i].publishedAt <= time) visible++;
    if (records === this.records && visible === this.visible && symbol === this.symbol) return this.analysis;
    this.records = records;
    this.visible = visible;
    this.symbol = symbol;
    this.analysis = visible === 0 ? null : analyse(symbol, earningsAsOf(records, time) as EarningsView, time, this.params);
    return this.analysis;
  }
}

function analyse(symbol: string, view: EarningsView, time: number, p: ReportAgentParams): EarningsAnalysis {
  const indicators = earningsIndicators(view, time, p.epsFloor);
  const findings = { risks: [] as string[], opportunities: [] as string[] };
  earningsFindings(indicators, view, findings);
  const used: EarningsRecord[] = [view.latest];
  for (const r of view.lastFour) if (!used.includes(r)) used.push(r);
  if (view.yearAgo !== null && !used.includes(view.yearAgo)) used.push(view.yearAgo);
  const provenance = used.map((r): Provenance => Object.freeze({ kind: 'earnings', ref: `${symbol} ${r.quarter}`, publishedAt: r.publishedAt }));
  return Object.freeze({
    view,
    indicators,
    evidence: earningsEvidence(indicators, p),
    risks: Object.freeze(findings.risks),
    opportunities: Object.freeze(findings.opportunities),
    provenance: Object.freeze(provenance),
  });
}
