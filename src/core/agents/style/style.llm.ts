import { AgentOutput } from '../agent';
import { Anonymizer } from '../llm/anonymizer';
import { Lessons, lessonsSection } from '../llm/lessons';
import { answerSchema, fallbackOutput, modelOutput, textOf } from '../llm/llm-output';
import { PromptTemplate, renderPrompt } from '../llm/prompt-template';
import { askStructured } from '../llm/structured-call';
import { ChatCall, ChatModel } from '../../ports/chat-model.port';
import { fixed, percent, signedPercent } from '../../synthesis/prompts/prompt-text.format';
import { StyleChoice, STYLES, Style } from './style.types';

export const STYLE_ANSWER = answerSchema('style', {
  style: { type: 'string', enum: [...STYLES] },
  rationale: { type: 'string', description: 'one sentence' },
});

/** The position as the style agent reads it (the paper's style agent sees positions and P&L). */
export interface StylePosition {
  /** Signed shares held. */
  shares: number;
  /** Unrealised return of the open position (0 when flat). */
  unrealizedReturn: number;
  /** Cash / equity. */
  cashShare: number;
}

/** The style agent on a language model: the account, the position and the volatility regime in, a style out. */
export class LlmStyleAgent {
  constructor(
    private readonly chat: ChatModel,
    private readonly template: PromptTemplate,
    private readonly anonymizer: Anonymizer,
    private readonly settings: Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'>,
  ) {}

  async run(symbol: string, decidedAt: number, analytic: AgentOutput<StyleChoice>, position: StylePosition, lessons: Lessons | null, reflecting: boolean): Promise<AgentOutput<StyleChoice>> {
    const a = this.anonymizer;
    const s = analytic.data;
    const messages = renderPrompt(this.template, {
      symbol: a.symbol(symbol),
      date: a.day(decidedAt),
      drawdown: signedPercent(s.drawdown),
      recentReturn: signedPercent(s.recentReturn),
      volatilityRatio: s.volatilityRatio === null ? 'n/a (not enough history yet)' : `${fixed(s.volatilityRatio)}x`,
      position: positionText(position),
      cashShare: percent(position.cashShare, 1),
      experience: lessonsSection(lessons, reflecting),
    });
    const shows = [...analytic.provenance.map((p) => p.publishedAt), ...(lessons ? [lessons.knownBy] : [])];
    const answer = await askStructured(this.chat, { agent: 'style', decidedAt, shows, messages, schema: STYLE_ANSWER, ...this.settings }, readStyle);
    if (!answer.ok) return fallbackOutput(analytic, answer.reason);
    const reason = a.reveal(answer.value.rationale, symbol);
    const data: StyleChoice = { ...s, style: answer.value.style, rule: 'model', reason };
    return modelOutput('style', data, `${data.style}: ${reason}`, analytic.provenance, analytic.flags);
  }
}

function positionText(p: StylePosition): string {
  if (p.shares === 0) return 'flat (no shares held)';
  const side = p.shares > 0 ? 'long' : 'short';
  return `${side} ${Math.abs(p.shares)} shares, unrealised return ${signedPercent(p.unrealizedReturn)}`;
}

function readStyle(value: unknown): { style: Style; rationale: string } {
  const v = value as { style: Style; rationale: unknown };
  return { style: v.style, rationale: textOf(v.rationale, 'rationale', 300) };
}
