import { AgentOutput, Provenance } from '../agents/agent';
import { Anonymizer } from '../agents/llm/anonymizer';
import { Lessons } from '../agents/llm/lessons';
import { answerSchema, fallbackOutput, modelOutput, textOf } from '../agents/llm/llm-output';
import { PromptTemplate, renderPrompt } from '../agents/llm/prompt-template';
import { askStructured } from '../agents/llm/structured-call';
import { ChatCall, ChatModel } from '../ports/chat-model.port';
import { percent, signedPercent } from '../synthesis/prompts/prompt-text.format';
import { MemoryCase } from './memory-case';
import { ReflectionOutput } from './reflection-output';

export const REFLECTION_ANSWER = answerSchema('reflection', {
  forecast: { type: 'string', description: 'lessons for the stock-forecasting agent, at most 3 sentences' },
  style: { type: 'string', description: 'lessons for the style agent, at most 3 sentences' },
  decision: { type: 'string', description: 'lessons for the decision agent, at most 3 sentences' },
});

/** The reflective agents' lessons from one reflection. */
export interface AgentLessons {
  forecast: Lessons;
  style: Lessons;
  decision: Lessons;
}

/** What a reflection on a language model adds to the analytic experience summary: the lessons it wrote. */
export interface LlmReflectionOutput extends ReflectionOutput {
  lessons: { forecast: string; style: string; decision: string } | null;
}

/** The labelled cases a reflection reads: the recent window and the most similar older states. */
export interface ReflectionCases {
  recent: readonly MemoryCase[];
  similar: readonly MemoryCase[];
}

/**
 * Self-reflection on a language model (the paper's experience summary): from the labelled cases
 * of the last sessions and the most similar past states, the model writes lessons for the
 * forecasting, style and decision agents, which go into their next prompts. Every case shown was
 * labelled before the decision.
 */
export class LlmReflector {
  constructor(
    private readonly chat: ChatModel,
    private readonly template: PromptTemplate,
    private readonly anonymizer: Anonymizer,
    private readonly settings: Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'>,
  ) {}

  async run(symbol: string, decidedAt: number, analytic: AgentOutput<ReflectionOutput>, cases: ReflectionCases): Promise<{ output: AgentOutput<LlmReflectionOutput>; lessons: AgentLessons | null }> {
    const a = this.anonymizer;
    const all = [...cases.recent, ...cases.similar];
    const knownBy = all.reduce((m, c) => Math.max(m, c.knownAt), -Infinity);
    const messages = renderPrompt(this.template, {
      symbol: a.symbol(symbol),
      date: a.day(decidedAt),
      recentCount: String(cases.recent.length),
      recent: cases.recent.map((c) => caseLine(c, a)).join('\n') || '(none)',
      similarCount: String(cases.similar.length),
      similar: cases.similar.map((c) => caseLine(c, a)).join('\n') || '(none)',
    });
    const answer = await askStructured(
      this.chat,
      { agent: 'reflection', decidedAt, shows: all.map((c) => c.knownAt), messages, schema: REFLECTION_ANSWER, ...this.settings },
      readLessons,
    );
    const plain = { summary: analytic.data.summary, adjustments: analytic.data.adjustments };
    if (!answer.ok) return { output: fallbackOutput({ ...analytic, data: { ...plain, lessons: null } }, answer.reason), lessons: null };
    const text = {
      forecast: a.reveal(answer.value.forecast, symbol),
      style: a.reveal(answer.value.style, symbol),
      decision: a.reveal(answer.value.decision, symbol),
    };
    const provenance: Provenance[] = [{ kind: 'memory', ref: `${all.length} cases`, publishedAt: knownBy }];
    const rationale = `${cases.recent.length} recent + ${cases.similar.length} similar cases; forecast: ${text.forecast} style: ${text.style} decision: ${text.decision}`;
    const lesson = (t: string): Lessons => ({ text: t, cases: all.length, knownBy });
    return {
      output: modelOutput('reflection', { ...plain, lessons: text }, rationale, provenance),
      // The prompts of the next agents show the text as the model wrote it (anonymized when the run is).
      lessons: { forecast: lesson(answer.value.forecast), style: lesson(answer.value.style), decision: lesson(answer.value.decision) },
    };
  }
}

/** One labelled case in a line: what each agent said and how it turned out. */
function caseLine(c: MemoryCase, a: Anonymizer): string {
  const f = c.forecast;
  const o = c.decision.outcome;
  const p = f.label === 'up' ? f.pUp : f.label === 'down' ? f.pDown : f.pSideways;
  return (
    `- ${a.day(c.decidedAt)}: forecast ${f.label} (${percent(p, 0)}), realised ${f.outcome.realised} (${signedPercent(o.benchmarkReturn)}), w_hit ${f.outcome.wHit.toFixed(2)}; ` +
    `style ${c.style.style}; action ${o.chosen}, best ${o.best}, regret ${percent(o.regret, 2)}`
  );
}

function readLessons(value: unknown): { forecast: string; style: string; decision: string } {
  const v = value as Record<string, unknown>;
  return { forecast: textOf(v.forecast, 'forecast', 800), style: textOf(v.style, 'style', 800), decision: textOf(v.decision, 'decision', 800) };
}
