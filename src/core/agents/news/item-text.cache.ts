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

/**
 * What the cache keeps of an item's text. The tokens are kept as one string (joined by spaces,
 * which no token contains): a process that has read a million items would otherwise hold tens
 * of millions of token strings, and every full garbage collection walks each of them.
 */
interface KeptText {
  headline: string;
  body: string;
  sentiment: number;
  tokens: string;
  headlineCount: number;
}

const LIMIT = 1_000_000;
const cache = new Map<string, KeptText>();

/**
 * The tokens and sentiment of an item, computed once per process: runs in one process (compare,
 * ablate, the API) read the same news again. Keyed by id and checked against the text, so an id
 * reused for other text is analysed afresh. Pure: the result depends on the text only.
 */
export function itemText(item: NewsItem): ItemText {
  const body = item.body ?? '';
  const hit = cache.get(item.id);
  if (hit && hit.headline === item.headline && hit.body === body) return unpack(hit);
  const headlineTokens = tokenize(item.headline);
  const bodyTokens = body ? tokenize(body) : [];
  const all = bodyTokens.length > 0 ? headlineTokens.concat(STOP_TOKEN, bodyTokens) : headlineTokens;
  const sentiment = sentimentOfTokens(all);
  if (cache.size >= LIMIT) cache.clear();
  cache.set(item.id, { headline: item.headline, body, sentiment, tokens: all.join(' '), headlineCount: headlineTokens.length });
  return { headlineTokens, bodyTokens, all, sentiment };
}

function unpack(kept: KeptText): ItemText {
  const all = kept.tokens === '' ? [] : kept.tokens.split(' ');
  const h = kept.headlineCount;
  // With body tokens, `all` is the headline's, a stop token, then the body's.
  const hasBody = all.length > h;
  return {
    headlineTokens: hasBody ? all.slice(0, h) : all,
    bodyTokens: hasBody ? all.slice(h + 1) : [],
    all,
    sentiment: kept.sentiment,
  };
}
