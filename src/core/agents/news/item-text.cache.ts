import { NewsItem } from '../../market/news';
import { sentimentOfTokens } from './sentiment.scorer';
import { STOP_TOKEN, tokenize } from './text.tokenizer';

/** What an item's text gives, whatever the agent's parameters: its tokens and sentiment. */
export interface ItemText {
  headlineTokens: string[];
  bodyTokens: string[];
  /** Headline, a stop token, then body. */
  all: string[];
  sentiment: number;
}

const LIMIT = 1_000_000;
const cache = new Map<string, { headline: string; body: string; text: ItemText }>();

/**
 * The tokens and sentiment of an item, computed once per process: runs in one process (compare,
 * ablate, the API) read the same news again. Keyed by id and checked against the text, so an id
 * reused for other text is analysed afresh. Pure: the result depends on the text only.
 */
export function itemText(item: NewsItem): ItemText {
  const body = item.body ?? '';
  const hit = cache.get(item.id);
  if (hit && hit.headline === item.headline && hit.body === body) return hit.text;
  const headlineTokens = tokenize(item.headline);
  const bodyTokens = body ? tokenize(body) : [];
  const all = bodyTokens.length > 0 ? headlineTokens.concat(STOP_TOKEN, bodyTokens) : headlineTokens;
  const text: ItemText = { headlineTokens, bodyTokens, all, sentiment: sentimentOfTokens(all) };
  if (cache.size >= LIMIT) cache.clear();
  cache.set(item.id, { headline: item.headline, body, text });
  return text;
}
