import { growF64, growI32 } from '../../engine/growable';
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
 * What the cache keeps of each item's text, in columns by slot (a process that has read a
 * million items would otherwise hold an object and a boxed number per item, and every full
 * garbage collection walks each of them). The tokens are kept as one string, joined by spaces
 * (which no token contains), rather than a string per token.
 */
class KeptTexts {
  private readonly slotOf = new Map<string, number>();
  private readonly headlines: string[] = [];
  private readonly bodies: string[] = [];
  private readonly tokens: string[] = [];
  private headlineCounts = new Int32Array(1024);
  private sentiments = new Float64Array(1024);

  /** Slots taken (an id read again with other text takes a new one; the old one is dead weight until the cache starts afresh). */
  get size(): number {
    return this.tokens.length;
  }

  /** The slot of the item's text if it was read with this headline and body, else −1. */
  find(id: string, headline: string, body: string): number {
    const slot = this.slotOf.get(id);
    return slot !== undefined && this.headlines[slot] === headline && this.bodies[slot] === body ? slot : -1;
  }

  add(id: string, headline: string, body: string, all: readonly string[], headlineCount: number, sentiment: number): void {
    const slot = this.tokens.length;
    this.headlineCounts = growI32(this.headlineCounts, slot + 1);
    this.sentiments = growF64(this.sentiments, slot + 1);
    this.slotOf.set(id, slot);
    this.headlines.push(headline);
    this.bodies.push(body);
    this.tokens.push(all.join(' '));
    this.headlineCounts[slot] = headlineCount;
    this.sentiments[slot] = sentiment;
  }

  /** The item's text as first read. */
  read(slot: number): ItemText {
    const packed = this.tokens[slot];
    const all = packed === '' ? [] : packed.split(' ');
    const h = this.headlineCounts[slot];
    // With body tokens, `all` is the headline's, a stop token, then the body's.
    const hasBody = all.length > h;
    return {
      headlineTokens: hasBody ? all.slice(0, h) : all,
      bodyTokens: hasBody ? all.slice(h + 1) : [],
      all,
      sentiment: this.sentiments[slot],
    };
  }
}

const LIMIT = 1_000_000;
let kept = new KeptTexts();

/**
 * The tokens and sentiment of an item, computed once per process: runs in one process (compare,
 * ablate, the API) read the same news again. Keyed by id and checked against the text, so an id
 * reused for other text is analysed afresh. Pure: the result depends on the text only.
 */
export function itemText(item: NewsItem): ItemText {
  const body = item.body ?? '';
  const slot = kept.find(item.id, item.headline, body);
  if (slot >= 0) return kept.read(slot);
  const headlineTokens = tokenize(item.headline);
  const bodyTokens = body ? tokenize(body) : [];
  const all = bodyTokens.length > 0 ? headlineTokens.concat(STOP_TOKEN, bodyTokens) : headlineTokens;
  const sentiment = sentimentOfTokens(all);
  if (kept.size >= LIMIT) kept = new KeptTexts();
  kept.add(item.id, item.headline, body, all, headlineTokens.length, sentiment);
  return { headlineTokens, bodyTokens, all, sentiment };
}
