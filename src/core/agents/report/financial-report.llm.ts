import { AgentOutput } from '../agent';
import { Anonymizer } from '../llm/anonymizer';
import { answerSchema, clip, fallbackOutput, modelOutput, numberIn, textOf } from '../llm/llm-output';
import { PromptTemplate, renderPrompt } from '../llm/prompt-template';
import { askStructured, StructuredResult } from '../llm/structured-call';
import { ChatCall, ChatModel } from '../../ports/chat-model.port';
import { fixed, signedPercent } from '../../synthesis/prompts/prompt-text.format';
import { FinancialReport, ReportInput } from './financial-report.types';

export const REPORT_ANSWER = answerSchema('financial_report', {
  score: { type: 'number', description: 'fundamental tilt in [-1, 1], positive is bullish' },
  risks: { type: 'array', items: { type: 'string' }, description: 'at most 3 short phrases' },
  opportunities: { type: 'array', items: { type: 'string' }, description: 'at most 3 short phrases' },
  summary: { type: 'string', description: 'one or two sentences' },
});

interface ReportAnswer {
  score: number;
  risks: string[];
  opportunities: string[];
  summary: string;
}

/**
 * The financial-report agent on a language model. The analytic agent still computes the EPS
 * indicators and retrieves the filing passages (hybrid retrieval, top 10, reranked to 6); the
 * model reads them and gives the score, risks and opportunities. The paper reuses the latest
 * filing until a newer one appears: the model is asked once per new report (a new quarter's
 * numbers or a new filing), and its answer stands until the next one.
 */
export class LlmReportAgent {
  private readonly answers = new Map<string, Promise<StructuredResult<ReportAnswer>>>();

  constructor(
    private readonly chat: ChatModel,
    private readonly template: PromptTemplate,
    private readonly anonymizer: Anonymizer,
    private readonly settings: Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'>,
    private readonly passageChars: number,
  ) {}

  async run(input: ReportInput, analytic: AgentOutput<FinancialReport>): Promise<AgentOutput<FinancialReport>> {
    if (analytic.flags.includes('no_data')) return analytic;
    const ind = analytic.data.indicators;
    const key = `${ind.latestQuarter}|${ind.filingDocument}|${input.earnings.length}`;
    let pending = this.answers.get(key);
    if (!pending) {
      pending = this.ask(input, analytic);
      this.answers.set(key, pending);
    }
    const answer = await pending;
    if (!answer.ok) return fallbackOutput(analytic, answer.reason);
    const { score, risks, opportunities, summary } = answer.value;
    const data: FinancialReport = { ...analytic.data, score, risks, opportunities };
    return modelOutput('report', data, summary, analytic.provenance, analytic.flags);
  }

  private ask(input: ReportInput, analytic: AgentOutput<FinancialReport>): Promise<StructuredResult<ReportAnswer>> {
    const a = this.anonymizer;
    const ind = analytic.data.indicators;
    const quarters = input.earnings.slice(-4);
    const earnings = quarters.map(
      (e) => `- quarter ending ${a.text(e.quarter)}, public ${a.day(e.publishedAt)}: EPS ${fixed(a.price(e.epsActual))} against an estimate of ${fixed(a.price(e.epsEstimate))}`,
    );
    const passages = analytic.data.passages.map((p, i) => `${i + 1}. (${p.query ?? 'passage'}) ${a.text(clip(p.excerpt, this.passageChars))}`);
    const filing = input.filing[0];
    const messages = renderPrompt(this.template, {
      symbol: a.symbol(input.symbol),
      date: a.day(input.time),
      earnings: earnings.length > 0 ? earnings.join('\n') : '- none public yet',
      indicators: [
        `- EPS surprise of the latest quarter: ${signedPercent(ind.epsSurprise)}`,
        `- EPS growth year over year: ${signedPercent(ind.epsGrowthYoY)}`,
        `- Beats / misses among the last 4 quarters: ${ind.beatsLast4 ?? 'n/a'} / ${ind.missesLast4 ?? 'n/a'}`,
      ].join('\n'),
      filing: filing && ind.filingDocument ? `${a.text(ind.filingDocument)}, public ${a.day(filing.publishedAt)}` : 'none public yet',
      passages: passages.length > 0 ? passages.join('\n') : '(no filing passages)',
    });
    const shows = [...quarters.map((e) => e.publishedAt), ...(filing ? [filing.publishedAt] : [])];
    const symbol = input.symbol;
    return askStructured(this.chat, { agent: 'report', decidedAt: input.time, shows, messages, schema: REPORT_ANSWER, ...this.settings }, (v) => readReport(v, a, symbol));
  }
}

function readReport(value: unknown, a: Anonymizer, symbol: string): ReportAnswer {
  const v = value as Record<string, unknown>;
  const list = (x: unknown, field: string) => (x as unknown[]).slice(0, 3).map((s, i) => a.reveal(textOf(s, `${field}[${i}]`, 200), symbol));
  return {
    score: numberIn(v.score, 'score', -1, 1),
    risks: list(v.risks, 'risks'),
    opportunities: list(v.opportunities, 'opportunities'),
    summary: a.reveal(textOf(v.summary, 'summary', 600), symbol),
  };
}
