import { Agent, AgentOutput, ExplainedOutput, output, OutputFlag, Provenance } from '../agent';
import { EarningsAnalyser, EarningsAnalysis } from './earnings.analysis';
import { FilingAnalyser, FilingAnalysis } from './filing.analyser';
import { ReportAgentParams } from './financial-report.params';
import type { FinancialReport, ReportInput, RetrievedPassage } from './financial-report.types';
import { reportScore } from './report-score.rule';
import { staleFinding } from './risks-opportunities.rule';

export { DEFAULT_REPORT_AGENT_PARAMS, ReportAgentParams } from './financial-report.params';

const DAY_MS = 86_400_000;

/**
 * The financial-report agent, analytic mode. At the decision instant `input.time`:
 * 1. earnings: only records with publishedAt <= time count (later ones are ignored whatever the
 *    caller passes); the latest quarter gives the EPS surprise, the same quarter a year earlier
 *    the YoY growth, the last 4 quarters the beats and misses, its release the staleness
 *    (earnings.indicators.ts), recomputed only when a new record becomes public;
 * 2. filing: the latest document published at or before `time` (passages of `input.symbol`) is
 *    searched with the finance queries (hybrid H = 1.0·dense + 0.8·sparse, top 10, MMR to 6, see
 *    filing.retriever.ts) once per filing, identified by symbol, document and publication
 *    instant; its tone is the H-weighted mean passage sentiment;
 * 3. score = tanh(decay(ageE)·E + filingWeight·decay(ageF)·F) (report-score.rule.ts), with risks
 *    and opportunities stated from the numbers and passages.
 * Nothing public gives score 0 flagged `no_data`. Arrays in the output may be shared between
 * decisions and are frozen.
 */
export class FinancialReportAgent implements Agent<ReportInput, FinancialReport> {
  readonly name = 'report' as const;
  readonly params: ReportAgentParams;
  private readonly earnings: EarningsAnalyser;
  private readonly filings: FilingAnalyser;
  private noData: { symbol: string; output: AgentOutput<FinancialReport> } | null = null;

  /** `params` is validated by {@link ReportAgentParams}; missing fields take their defaults. */
  constructor(params: unknown = {}) {
    this.params = ReportAgentParams.parse(params);
    this.earnings = new EarningsAnalyser(this.params);
    this.filings = new FilingAnalyser(this.params);
  }

  /** Filings analysed so far by this instance (each once, however often it is seen). */
  get analysedFilings(): number {
    return this.filings.analysed;
  }

  run(input: ReportInput): AgentOutput<FinancialReport> {
    const e = this.earnings.at(input.symbol, input.earnings, input.time);
    const filing = this.filings.at(input.symbol, input.filing, input.time);
    if (e === null && filing === null) return this.nothingPublic(input.symbol);
    return this.compose(input.symbol, e, filing, input.time);
  }

  /**
   * The report at `time` from the analyses public then: a pure function of its arguments and
   * the parameters, so an output can be kept as those and written again (see ReportColumns).
   */
  compose(symbol: string, e: EarningsAnalysis | null, filing: FilingAnalysis | null, time: number): ReportOutput {
    const p = this.params;
    const days = e === null ? 0 : (time - e.view.latest.publishedAt) / DAY_MS;
    const filingDays = filing === null ? 0 : (time - filing.publishedAt) / DAY_MS;
    const { score } = reportScore(e === null ? null : { evidence: e.evidence, ageDays: days }, filing === null ? null : { tone: filing.tone, ageDays: filingDays }, p);
    const stale = e === null ? null : staleFinding(days, p.staleDays);
    const ind = e?.indicators;
    const report: FinancialReport = {
      score,
      indicators: {
        epsSurprise: ind?.surprise ?? null,
        epsGrowthYoY: ind?.growthYoY ?? null,
        beatsLast4: ind?.beats ?? null,
        latestQuarter: ind?.quarter ?? null,
        daysSinceRelease: e === null ? null : days,
        missesLast4: ind?.misses ?? null,
        filingTone: filing?.tone ?? null,
        filingDocument: filing?.document ?? null,
      },
      risks: join(e?.risks, stale === null ? undefined : [stale], filing?.findings.risks),
      opportunities: join(e?.opportunities, undefined, filing?.findings.opportunities),
      passages: (filing?.passages ?? EMPTY) as RetrievedPassage[],
    };
    const provenance = filing === null ? (e?.provenance ?? EMPTY) : e === null ? filing.provenance : [...e.provenance, ...filing.provenance];
    return new ReportOutput(report, provenance as Provenance[], { symbol, earnings: e, filing, time });
  }

  /**
   * The output while nothing of the symbol is public. It is the same every bar, so one frozen
   * object serves them all: a run that starts years before the first report keeps one output,
   * not one per bar.
   */
  private nothingPublic(symbol: string): AgentOutput<FinancialReport> {
    if (this.noData === null || this.noData.symbol !== symbol) {
      const data = emptyReport();
      Object.freeze(data.indicators);
      const rationale = `no earnings or filing of ${symbol} public yet`;
      this.noData = { symbol, output: Object.freeze(output('report', Object.freeze(data), rationale, EMPTY, NO_DATA)) };
    }
    return this.noData.output;
  }
}

/** What a report is composed from (see {@link FinancialReportAgent.compose}). */
export interface ReportBasis {
  symbol: string;
  earnings: EarningsAnalysis | null;
  filing: FilingAnalysis | null;
  time: number;
}

/**
 * A report with what it was composed from. Its rationale is written from that basis when first
 * read, like any explained output's.
 */
export class ReportOutput extends ExplainedOutput<FinancialReport> {
  constructor(
    data: FinancialReport,
    provenance: Provenance[],
    readonly basis: ReportBasis,
  ) {
    super('report', data, explainReport, provenance);
  }
}

/** The rationale of a report output, from the report and what it was composed from. */
function explainReport(report: FinancialReport, output: ExplainedOutput<FinancialReport>): string {
  const { symbol, earnings, filing } = (output as ReportOutput).basis;
  return rationale(symbol, earnings, report.indicators.daysSinceRelease ?? 0, filing, report.score);
}

const NO_DATA: OutputFlag[] = Object.freeze(['no_data']) as OutputFlag[];

const EMPTY: never[] = Object.freeze([]) as never[];

function emptyReport(): FinancialReport {
  return {
    score: 0,
    indicators: { epsSurprise: null, epsGrowthYoY: null, beatsLast4: null, latestQuarter: null, daysSinceRelease: null, missesLast4: null, filingTone: null, filingDocument: null },
    risks: EMPTY,
    opportunities: EMPTY,
    passages: EMPTY,
  };
}

/** The non-empty lists concatenated; a single non-empty list is shared as it is. */
function join(...lists: Array<readonly string[] | undefined>): string[] {
  const parts = lists.filter((l): l is readonly string[] => l !== undefined && l.length > 0);
  if (parts.length === 0) return EMPTY;
  return (parts.length === 1 ? parts[0] : parts.flat()) as string[];
}

function rationale(symbol: string, e: EarningsAnalysis | null, days: number, filing: FilingAnalysis | null, score: number): string {
  let text: string;
  if (e === null) text = `${symbol}: no earnings public yet`;
  else {
    const ind = e.indicators;
    const growth = ind.growthYoY === null ? 'YoY n/a' : `YoY ${signedPercent(ind.growthYoY)}`;
    text = `${symbol} ${ind.quarter}: EPS surprise ${signedPercent(ind.surprise)}, ${growth}, ${ind.beats}/${ind.quarters} beats, released ${days.toFixed(1)} days ago`;
  }
  if (filing !== null) text += `; ${filing.document}: ${filing.passages.length} passages, tone ${signed(filing.tone)}`;
  return `${text}; score ${signed(score)}`;
}

function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

function signed(x: number): string {
  return x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2);
}
