import { AgentOutput } from '../agent';
import { Anonymizer } from '../llm/anonymizer';
import { Lessons, lessonsSection } from '../llm/lessons';
import { answerSchema, fallbackOutput, modelOutput, numberIn, textOf } from '../llm/llm-output';
import { PromptTemplate, renderPrompt } from '../llm/prompt-template';
import { askStructured } from '../llm/structured-call';
import { ChatCall, ChatModel } from '../../ports/chat-model.port';
import { percent, signed, signedPercent } from '../../synthesis/prompts/prompt-text.format';
import { Forecast } from '../forecast/forecast.types';
import { NewsSentiment } from '../news/news-sentiment.types';
import { FinancialReport } from '../report/financial-report.types';
import { StyleChoice } from '../style/style.types';
import { Action, ACTIONS, Decision, SignalContribution } from './decision.types';

export const DECISION_ANSWER = answerSchema('decision', {
  action: { type: 'string', enum: [...ACTIONS] },
  confidence: { type: 'number', description: 'in [0, 1]' },
  rationale: { type: 'string', description: 'one or two sentences naming the signals that decided' },
});

/** What the decision agent reads at one close: the other agents' outputs (null: switched off) and the account. */
export interface DecisionView {
  symbol: string;
  decidedAt: number;
  style: AgentOutput<StyleChoice>;
  forecast: AgentOutput<Forecast>;
  news: AgentOutput<NewsSentiment> | null;
  report: AgentOutput<FinancialReport> | null;
  /** Signed shares held. */
  position: number;
  unrealizedReturn: number;
  /** The share of cash a BUY spends in this style. */
  buyFraction: number;
}

/**
 * The decision agent on a language model: the signals, the style and the position in, BUY / SELL
 * / HOLD with a confidence out. The contributions list the signals it was shown; a model weighs
 * them itself, so their weights are 0.
 */
export class LlmDecisionAgent {
  constructor(
    private readonly chat: ChatModel,
    private readonly template: PromptTemplate,
    private readonly anonymizer: Anonymizer,
    private readonly settings: Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'>,
  ) {}

  async run(view: DecisionView, analytic: AgentOutput<Decision>, lessons: Lessons | null, reflecting: boolean): Promise<AgentOutput<Decision>> {
    const a = this.anonymizer;
    const { forecast: f, news, report, style } = view;
    const messages = renderPrompt(this.template, {
      symbol: a.symbol(view.symbol),
      date: a.day(view.decidedAt),
      style: `${style.data.style} (${a.text(style.data.reason)})`,
      position: view.position === 0 ? 'flat (no shares held)' : `long ${view.position} shares, unrealised return ${signedPercent(view.unrealizedReturn)}`,
      buyFraction: percent(view.buyFraction, 0),
      forecast: `${f.data.label} (P(up) ${percent(f.data.pUp, 1)}, P(down) ${percent(f.data.pDown, 1)}, P(sideways) ${percent(f.data.pSideways, 1)})`,
      news: signalText(news, (n) => `${signed(n.data.score)}: ${a.text(n.data.summary)}`),
      report: signalText(report, (r) => `${signed(r.data.score)}: ${a.text(reportLine(r.data))}`),
      experience: lessonsSection(lessons, reflecting),
    });
    const shows = [view.decidedAt, ...[f, news, report, style].flatMap((o) => (o ? o.provenance.map((p) => p.publishedAt) : [])), ...(lessons ? [lessons.knownBy] : [])];
    const answer = await askStructured(this.chat, { agent: 'decision', decidedAt: view.decidedAt, shows, messages, schema: DECISION_ANSWER, ...this.settings }, readDecision);
    if (!answer.ok) return fallbackOutput(analytic, answer.reason);
    const { action, confidence, rationale } = answer.value;
    const direction = action === 'BUY' ? 1 : action === 'SELL' ? -1 : 0;
    const contributions: SignalContribution[] = [
      { source: 'forecast', value: analytic.data.contributions[0].value, weight: 0, used: true, reliability: analytic.data.contributions[0].reliability },
      { source: 'news', value: news?.data.score ?? 0, weight: 0, used: news !== null && !news.flags.includes('no_data'), reliability: 1 },
      { source: 'report', value: report?.data.score ?? 0, weight: 0, used: report !== null && !report.flags.includes('no_data'), reliability: 1 },
    ];
    const data: Decision = { action, position: view.position, confidence, score: direction * confidence, threshold: 0, style: style.data.style, contributions };
    return modelOutput('decision', data, a.reveal(rationale, view.symbol), analytic.provenance);
  }
}

function signalText<T>(o: AgentOutput<T> | null, text: (o: AgentOutput<T>) => string): string {
  if (o === null) return 'switched off';
  if (o.flags.includes('no_data')) return 'no data';
  return text(o);
}

function reportLine(r: FinancialReport): string {
  const parts = [...r.opportunities.slice(0, 2).map((x) => `+ ${x}`), ...r.risks.slice(0, 2).map((x) => `- ${x}`)];
  return parts.length > 0 ? parts.join('; ') : 'no notable risks or opportunities';
}

function readDecision(value: unknown): { action: Action; confidence: number; rationale: string } {
  const v = value as Record<string, unknown>;
  return { action: v.action as Action, confidence: numberIn(v.confidence, 'confidence', 0, 1), rationale: textOf(v.rationale, 'rationale') };
}
