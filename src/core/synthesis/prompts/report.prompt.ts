import { canonicalJson } from '../canonical-json.writer';
import { AgentPrompt, decisionHeader, fixed, isNumber, PromptContext, rounded, sections, signedPercent, utcMinute } from './prompt-text.format';

/** An earnings announcement the agent could read, with the instant it became public. */
export interface ReportPromptRelease {
  /** e.g. `AAPL 2015-03`. */
  ref: string;
  publishedAt: number;
}

/** A filing passage retrieved for the agent. */
export interface ReportPromptPassage {
  /** Form and period, e.g. `10-Q 2015-Q2`. */
  document: string;
  /** The finance topic that retrieved it, if known. */
  topic: string | null;
  excerpt: string;
}

/** What the financial-report agent sees at one decision: the numbers of the latest quarter and the filing. */
export interface ReportPromptInput extends PromptContext {
  /** Earnings announcements public at the decision, newest first. */
  releases: readonly ReportPromptRelease[];
  latestQuarter: string | null;
  /** (actual − estimate) / |estimate| of the latest quarter. */
  epsSurprise: number | null;
  epsGrowthYoY: number | null;
  beatsLast4: number | null;
  missesLast4: number | null;
  daysSinceRelease: number | null;
  /** The latest filing public at the decision, e.g. `10-Q 2015-Q2`, or null. */
  filingDocument: string | null;
  /** Instant the filing became public, or null. */
  filingPublishedAt: number | null;
  passages: readonly ReportPromptPassage[];
}

/** The report agent's answer: a fundamental score, risks and opportunities. */
export interface ReportAnswer {
  score: number;
  risks: readonly string[];
  opportunities: readonly string[];
  rationale: string;
}

/** Role and JSON output schema of the financial-report agent. */
export const REPORT_SYSTEM_PROMPT = [
  'You are the financial-report agent of TradingGroup, a multi-agent trading system.',
  "You read what was public about the company at the decision time: its latest quarterly earnings against the analysts' estimate and passages retrieved from its latest 10-Q / 10-K filing.",
  'State the key risks and opportunities these show and give one fundamental score; older news weighs less.',
  'Answer with one JSON object and nothing else:',
  '{"opportunities": string[], "rationale": string, "risks": string[], "score": number}',
  'score is in [-1, 1]: -1 clearly negative fundamentals, 0 neutral or nothing public, +1 clearly positive. Each risk and opportunity is one sentence; rationale is one or two sentences.',
].join('\n');

/**
 * The user message of the report agent: the latest quarter's indicators, the announcements it
 * rests on and the retrieved filing passages. Anything stamped after the decision is left out.
 */
export function buildReportPrompt(input: ReportPromptInput): AgentPrompt {
  const releases = input.releases.filter((r) => r.publishedAt <= input.decidedAt);
  const filingPublic = input.filingDocument !== null && (input.filingPublishedAt === null || input.filingPublishedAt <= input.decidedAt);
  const earnings =
    input.latestQuarter === null || releases.length === 0
      ? 'Earnings: none public yet.'
      : [
          `Earnings of the latest quarter (${input.latestQuarter}, released ${fixed(input.daysSinceRelease, 1)} days ago):`,
          `- EPS surprise vs the estimate: ${signedPercent(input.epsSurprise, 1)}`,
          `- EPS growth year over year: ${signedPercent(input.epsGrowthYoY, 1)}`,
          `- Beats in the last 4 quarters: ${count(input.beatsLast4)}; misses: ${count(input.missesLast4)}`,
          `Announcements public at the decision: ${releases.map((r) => `${r.ref} (${utcMinute(r.publishedAt)})`).join('; ')}`,
        ].join('\n');
  const passages = filingPublic ? input.passages : [];
  const filing = !filingPublic
    ? 'Filing: none available.'
    : [
        `Passages of the filing ${input.filingDocument}${input.filingPublishedAt === null ? '' : ` (public since ${utcMinute(input.filingPublishedAt)})`}:`,
        ...(passages.length === 0
          ? ['(no passage retrieved)']
          : passages.map((p, i) => `[${i + 1}]${p.topic ? ` (${p.topic})` : ''} ${p.excerpt.replace(/\s+/g, ' ').trim()}`)),
      ].join('\n');
  const ask = "Assess the company's fundamentals as of the decision time.";
  return { system: REPORT_SYSTEM_PROMPT, user: sections(decisionHeader(input), earnings, filing, ask) };
}

/** The assistant message: the answer as canonical JSON, the score rounded to 4 decimals. */
export function reportAnswerText(a: ReportAnswer): string {
  return canonicalJson({ score: rounded(a.score), risks: [...a.risks], opportunities: [...a.opportunities], rationale: a.rationale });
}

function count(n: number | null): string {
  return isNumber(n) ? String(n) : 'n/a';
}
