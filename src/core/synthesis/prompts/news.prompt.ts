import { canonicalJson } from '../canonical-json.writer';
import { AgentPrompt, decisionHeader, PromptContext, rounded, sections, utcMinute } from './prompt-text.format';

/** One news item as the prompt shows it. */
export interface NewsPromptItem {
  id: string;
  /** Publication instant, epoch ms UTC (at or before the decision). */
  publishedAt: number;
  headline: string;
}

/** What the news-sentiment agent sees for one session. */
export interface NewsPromptInput extends PromptContext {
  /** Items of the session shown to the agent, oldest first. */
  items: readonly NewsPromptItem[];
  /** Items the session had in all (shown or not), or null when unknown. */
  seen: number | null;
  /** Near-duplicates removed before the items were shown, or null when unknown. */
  duplicates: number | null;
}

/** The news agent's answer: a market-sentiment score and a summary. */
export interface NewsAnswer {
  score: number;
  rationale: string;
}

/** Role and JSON output schema of the news-sentiment agent. */
export const NEWS_SYSTEM_PROMPT = [
  'You are the news-sentiment agent of TradingGroup, a multi-agent trading system.',
  "You read the news items and posts about one stock published since the previous session's close and up to the decision time.",
  'Judge how likely each item is to move the stock and in which direction, then summarise them into one market-sentiment score.',
  'Answer with one JSON object and nothing else:',
  '{"rationale": string, "score": number}',
  'score is in [-1, 1]: -1 very bearish, 0 neutral or no news, +1 very bullish. rationale is a short summary naming the most influential item.',
].join('\n');

/**
 * The user message of the news agent: the session's items with their UTC publication times,
 * oldest first. Items stamped after the decision are left out (none should exist).
 */
export function buildNewsPrompt(input: NewsPromptInput): AgentPrompt {
  const items = input.items
    .filter((it) => it.publishedAt <= input.decidedAt)
    .slice()
    .sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let body: string;
  if (items.length === 0) body = 'No news items for this session.';
  else {
    const counts =
      input.seen !== null && input.seen > items.length
        ? ` (the ${items.length} most influential of ${input.seen}${input.duplicates ? `, after removing ${input.duplicates} near-duplicates` : ''})`
        : '';
    body = [`News items of this session${counts}:`, ...items.map((it, i) => `${i + 1}. [${utcMinute(it.publishedAt)}] ${oneLine(it.headline)}`)].join('\n');
  }
  const ask = 'Score the market sentiment of this session for the stock.';
  return { system: NEWS_SYSTEM_PROMPT, user: sections(decisionHeader(input), body, ask) };
}

/** The assistant message: the answer as canonical JSON, the score rounded to 4 decimals. */
export function newsAnswerText(a: NewsAnswer): string {
  return canonicalJson({ score: rounded(a.score), rationale: a.rationale });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
