import { byTimeThenId, compareIds, NewsItem } from '../../market/news';
import { Agent, AgentOutput, output, Provenance } from '../agent';
import { NewsAgentParams } from './news-agent.params';
import { baseScore, compileKeywords, RelevanceMatcher, relevanceMatcher, relevanceScore } from './news-item.scorer';
import { NewsInput, NewsSentiment, ScoredNewsItem } from './news-sentiment.types';
import { ItemAnalyses } from './item-analyses';
import { ItemSetMemo } from './item-set.memo';
import { dedupByShingles, shingles } from './shingle.dedup';
import { itemText } from './item-text.cache';

// Re-exported so that strategy parameter schemas can take it from the agent's module.
export { NewsAgentParams };

/** The paper's influence weights: N = 0.55·base + 0.25·prob + 0.20. */
export const INFLUENCE = { base: 0.55, prob: 0.25, constant: 0.2 } as const;

/** Analyses and session outputs of agents with the same parameters, kept for the process. */
interface SharedMemo {
  items: ItemAnalyses;
  sessions: ItemSetMemo<AgentOutput<NewsSentiment>, ListOrder>;
}

// Outputs are a pure function of the items, the ticker and the parameters, so agents with the
// same parameters share them: runs in one process (compare, ablate, the API) read the same news.
const MEMOS = new Map<string, SharedMemo>();
// Bounds for a long-lived process (the API): past them the memo starts afresh.
const MAX_MEMO_ITEMS = 2_000_000;
const MAX_MEMO_SESSIONS = 500_000;

function memoFor(params: NewsAgentParams): SharedMemo {
  const key = JSON.stringify(params);
  let memo = MEMOS.get(key);
  if (!memo || memo.items.size > MAX_MEMO_ITEMS || memo.sessions.size > MAX_MEMO_SESSIONS) {
    if (MEMOS.size >= 8) MEMOS.clear();
    memo = { items: new ItemAnalyses(), sessions: new ItemSetMemo() };
    MEMOS.set(key, memo);
  }
  return memo;
}

/**
 * The news-sentiment agent, analytic mode. For the items of the session published at or
 * before the decision time:
 * 1. each item is analysed once (its text once per process, its scores once per instance, by id): lexicon sentiment of headline
 *    and body ({@link sentimentOfTokens}), `base` ({@link baseScore}), `prob` ({@link relevanceScore}),
 *    influence N = 0.55·base + 0.25·prob + 0.20, and its word shingles;
 * 2. in time order (ties by id), near-duplicates (shingle Jaccard ≥ `dedupThreshold`) of an
 *    earlier item are dropped and counted;
 * 3. the `topK` most influential remain (ties: earlier first, then id);
 * 4. the market sentiment is their influence-weighted mean sentiment, in [-1, 1].
 * Items stamped after `input.time` are ignored entirely (they cannot change the output); a
 * session without usable items gives score 0 flagged `no_data`.
 */
export class NewsSentimentAgent implements Agent<NewsInput, NewsSentiment> {
  readonly name = 'news' as const;
  readonly params: NewsAgentParams;
  private readonly keywords: ReadonlyMap<string, number>;
  private readonly items: ItemAnalyses;
  private readonly sessions: ItemSetMemo<AgentOutput<NewsSentiment>, ListOrder>;
  private matcher: RelevanceMatcher = relevanceMatcher('', []);
  private matcherSymbol = '';
  private matcherAliases: readonly string[] = [];
  private matcherKey = '';

  /** `params` is validated by {@link NewsAgentParams}; missing fields take their defaults. */
  constructor(params: unknown = {}) {
    this.params = NewsAgentParams.parse(params);
    this.keywords = compileKeywords(this.params.keywords);
    ({ items: this.items, sessions: this.sessions } = memoFor(this.params));
  }

  /** Items analysed so far by agents with these parameters (each item once, however often it is seen). */
  get analysedItems(): number {
    return this.items.size;
  }

  /**
   * The output for the session. Items are identified by id: an id must keep its content for the
   * life of the instance. The same usable items (and ticker) give the same output, which is
   * remembered, so a session seen again costs a look-up and returns the same (frozen) output.
   */
  run(input: NewsInput): AgentOutput<NewsSentiment> {
    const items = usableInOrder(input.items, input.time, this.sessions);
    if (items.length === 0) {
      const summary = 'no news for this session';
      return output('news', { score: 0, seen: 0, duplicates: 0, kept: [], summary }, summary, [], ['no_data']);
    }
    const matcher = this.matcherFor(input);
    let known = this.sessions.get(this.matcherKey, items);
    if (!known) {
      known = this.evaluate(items, matcher);
      this.sessions.set(this.matcherKey, items, known);
    }
    return known;
  }

  private evaluate(items: readonly NewsItem[], matcher: RelevanceMatcher): AgentOutput<NewsSentiment> {
    const analysed = this.items;
    const slots = items.map((it) => this.analyse(it, matcher, this.matcherKey));
    const { kept, duplicates } = dedupByShingles(
      slots.map((slot) => analysed.shingles(slot)),
      this.params.dedupThreshold,
    );
    const ranked = kept.map((i) => slots[i]);
    ranked.sort(
      (a, b) => analysed.influence(b) - analysed.influence(a) || analysed.publishedAt(a) - analysed.publishedAt(b) || compareIds(analysed.id(a), analysed.id(b)),
    );
    const top = ranked.slice(0, this.params.topK).map((slot) => analysed.scored(slot));

    let weighted = 0;
    let weights = 0;
    for (const s of top) {
      weighted += s.influence * s.sentiment;
      weights += s.influence;
    }
    const score = Math.max(-1, Math.min(1, weighted / weights));
    const summary = `${top.length} of ${items.length} items (${duplicates} duplicates): ${signed(score)}; top: '${truncate(top[0].headline, 80)}'`;
    const provenance: Provenance[] = top.map((s) => Object.freeze({ kind: 'news' as const, ref: s.id, publishedAt: s.publishedAt }));
    // Frozen throughout: the same output object is handed to every run that reads this session.
    const data = Object.freeze({ score, seen: items.length, duplicates, kept: Object.freeze(top) as ScoredNewsItem[], summary });
    return Object.freeze(output('news', data, summary, Object.freeze(provenance) as Provenance[], Object.freeze([]) as never[]));
  }

  /** The ticker's matcher; rebuilt only when the symbol or the aliases' content change. */
  private matcherFor(input: NewsInput): RelevanceMatcher {
    if (input.symbol !== this.matcherSymbol || input.aliases !== this.matcherAliases) {
      const next = relevanceMatcher(input.symbol, input.aliases);
      const key = `${next.symbol}\u0001${next.aliases.map((a) => a.join(' ')).join('\u0001')}`;
      if (key !== this.matcherKey) {
        this.matcher = next;
        this.matcherKey = key;
      }
      this.matcherSymbol = input.symbol;
      this.matcherAliases = input.aliases;
    }
    return this.matcher;
  }

  /** The item's slot in the analyses, analysed (or scored for this ticker) first if need be. */
  private analyse(item: NewsItem, matcher: RelevanceMatcher, matcherKey: string): number {
    const analysed = this.items;
    const found = analysed.find(item);
    if (found >= 0 && analysed.scoredFor(found, matcherKey)) return found;
    const { headlineTokens, bodyTokens, all, sentiment } = itemText(item);
    const base = found >= 0 ? analysed.base(found) : baseScore(all, this.keywords, this.params);
    const prob = relevanceScore(item.headline, headlineTokens, item.body ?? '', bodyTokens, item.symbol, matcher);
    const influence = INFLUENCE.base * base + INFLUENCE.prob * prob + INFLUENCE.constant;
    const itemShingles = found >= 0 ? analysed.shingles(found) : shingles(all, this.params.shingleSize);
    return analysed.keep(item, itemShingles, matcherKey, influence, base, prob, sentiment);
  }
}

/** What a pass over a list finds: whether it is in order and its latest time. */
interface ListOrder {
  ordered: boolean;
  latest: number;
}

/**
 * The items at or before `time`, by time then id; the input array itself when it already is
 * that. A frozen list's order is read once (the memo keeps it with the list's outputs).
 */
function usableInOrder(items: readonly NewsItem[], time: number, memo: ItemSetMemo<unknown, ListOrder>): readonly NewsItem[] {
  const { ordered, latest } = memo.fact(items, orderOf as (list: readonly unknown[]) => ListOrder);
  if (ordered && latest <= time) return items;
  const out = latest <= time ? items.slice() : items.filter((it) => it.time <= time);
  return ordered ? out : out.sort(byTimeThenId);
}

function orderOf(items: readonly NewsItem[]): ListOrder {
  let ordered = true;
  let latest = -Infinity;
  for (let i = 0; i < items.length; i++) {
    if (items[i].time > latest) latest = items[i].time;
    if (i > 0 && byTimeThenId(items[i - 1], items[i]) > 0) ordered = false;
  }
  return { ordered, latest };
}

function signed(x: number): string {
  return x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
