import { AgentOutput } from '../agent';
import { Anonymizer } from '../llm/anonymizer';
import { answerSchema, clip, fallbackOutput, modelOutput, numberIn, textOf } from '../llm/llm-output';
import { PromptTemplate, renderPrompt } from '../llm/prompt-template';
import { askStructured } from '../llm/structured-call';
import { ChatCall, ChatModel } from '../../ports/chat-model.port';
import { NewsItem } from '../../market/news';
import { NewsSentiment } from './news-sentiment.types';

export const NEWS_ANSWER = answerSchema('news_sentiment', {
  score: { type: 'number', description: 'market sentiment for the stock in [-1, 1], positive is bullish' },
  summary: { type: 'string', description: 'one or two sentences' },
});

/**
 * The news-sentiment agent on a language model. The analytic agent still scores each item's
 * influence, drops near-duplicates and keeps the top k (the paper's pipeline before the model);
 * the model reads the kept items and gives the session's sentiment and summary. Sessions
 * without items ask nothing.
 */
export class LlmNewsAgent {
  constructor(
    private readonly chat: ChatModel,
    private readonly template: PromptTemplate,
    private readonly anonymizer: Anonymizer,
    private readonly settings: Pick<ChatCall, 'model' | 'temperature' | 'maxTokens'>,
    private readonly limits: { items: number; chars: number },
  ) {}

  async run(symbol: string, decidedAt: number, analytic: AgentOutput<NewsSentiment>, sessionItems: readonly NewsItem[]): Promise<AgentOutput<NewsSentiment>> {
    if (analytic.flags.includes('no_data') || analytic.data.kept.length === 0) return analytic;
    const a = this.anonymizer;
    const byId = new Map(sessionItems.map((i) => [i.id, i]));
    const kept = analytic.data.kept.slice(0, this.limits.items);
    const lines = kept.map((k, i) => {
      const item = byId.get(k.id);
      const text = [item?.headline ?? k.headline, item?.body ?? ''].filter((x) => x.trim().length > 0).join(' — ');
      return `${i + 1}. [${a.minute(k.publishedAt)}${item?.source ? `, ${a.text(item.source)}` : ''}] ${a.text(clip(text, this.limits.chars))}`;
    });
    const d = analytic.data;
    const messages = renderPrompt(this.template, {
      symbol: a.symbol(symbol),
      date: a.day(decidedAt),
      counts: `${d.seen} items this session, ${d.duplicates} near-duplicates dropped, the ${kept.length} most influential shown`,
      items: lines.join('\n'),
    });
    const shows = kept.map((k) => k.publishedAt);
    const answer = await askStructured(this.chat, { agent: 'news', decidedAt, shows, messages, schema: NEWS_ANSWER, ...this.settings }, readNews);
    if (!answer.ok) return fallbackOutput(analytic, answer.reason);
    const summary = a.reveal(answer.value.summary, symbol);
    const data: NewsSentiment = { ...d, score: answer.value.score, summary };
    return modelOutput('news', data, summary, analytic.provenance, analytic.flags);
  }
}

function readNews(value: unknown): { score: number; summary: string } {
  const v = value as Record<string, unknown>;
  return { score: numberIn(v.score, 'score', -1, 1), summary: textOf(v.summary, 'summary', 600) };
}
