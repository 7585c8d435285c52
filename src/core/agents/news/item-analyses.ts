import { growF64 } from '../../engine/growable';
import { NewsItem } from '../../market/news';
import { ScoredNewsItem } from './news-sentiment.types';

/** Number slots per item: influence, base, prob, sentiment, publication time. */
const SLOTS = 5;
const INFLUENCE = 0;
const BASE = 1;
const PROB = 2;
const SENTIMENT = 3;
const PUBLISHED_AT = 4;

/**
 * The analyses of news items by agents with one set of parameters, kept for the process: an
 * item's shingle set and its scores for the ticker last asked about, found by the item's id.
 * A long-lived process holds hundreds of thousands of them, so they are kept in columns (a
 * number array, a few reference lists), not an object or two per item with a boxed number per
 * score: every full garbage collection walks each object the process holds. An item's
 * {@link ScoredNewsItem} is made only when an output keeps it, once per analysis.
 */
export class ItemAnalyses {
  private readonly slotOf = new Map<string, number>();
  private numbers = new Float64Array(SLOTS * 1024);
  private readonly ids: string[] = [];
  private readonly headlines: string[] = [];
  private readonly bodies: string[] = [];
  /** The key of the ticker matcher each item's `prob` was worked out for. */
  private readonly matcherKeys: string[] = [];
  private readonly shingleSets: Int32Array[] = [];
  private readonly scoredItems: Array<ScoredNewsItem | undefined> = [];

  /** Items analysed so far. */
  get size(): number {
    return this.ids.length;
  }

  /** The slot of the item's analysis if one was made from the same text and time (for any ticker), else −1. */
  find(item: NewsItem): number {
    const slot = this.slotOf.get(item.id);
    if (slot === undefined) return -1;
    const same = this.headlines[slot] === item.headline && this.bodies[slot] === (item.body ?? '') && this.numbers[slot * SLOTS + PUBLISHED_AT] === item.time;
    return same ? slot : -1;
  }

  /** Whether the analysis in `slot` scored the item for the matcher with this key. */
  scoredFor(slot: number, matcherKey: string): boolean {
    return this.matcherKeys[slot] === matcherKey;
  }

  /**
   * Keeps the item's analysis (in its slot if it has one) and returns the slot. An item's
   * {@link ScoredNewsItem} made from an earlier analysis stays as it was.
   */
  keep(item: NewsItem, shingles: Int32Array, matcherKey: string, influence: number, base: number, prob: number, sentiment: number): number {
    let slot = this.slotOf.get(item.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slotOf.set(item.id, slot);
      this.ids.push(item.id);
      this.headlines.push(item.headline);
      this.bodies.push(item.body ?? '');
      this.matcherKeys.push(matcherKey);
      this.shingleSets.push(shingles);
      this.scoredItems.push(undefined);
      this.numbers = growF64(this.numbers, SLOTS * (slot + 1));
    } else {
      this.headlines[slot] = item.headline;
      this.bodies[slot] = item.body ?? '';
      this.matcherKeys[slot] = matcherKey;
      this.shingleSets[slot] = shingles;
      this.scoredItems[slot] = undefined;
    }
    const n = slot * SLOTS;
    this.numbers[n + INFLUENCE] = influence;
    this.numbers[n + BASE] = base;
    this.numbers[n + PROB] = prob;
    this.numbers[n + SENTIMENT] = sentiment;
    this.numbers[n + PUBLISHED_AT] = item.time;
    return slot;
  }

  shingles(slot: number): Int32Array {
    return this.shingleSets[slot];
  }

  base(slot: number): number {
    return this.numbers[slot * SLOTS + BASE];
  }

  influence(slot: number): number {
    return this.numbers[slot * SLOTS + INFLUENCE];
  }

  publishedAt(slot: number): number {
    return this.numbers[slot * SLOTS + PUBLISHED_AT];
  }

  id(slot: number): string {
    return this.ids[slot];
  }

  /** The analysis as a frozen {@link ScoredNewsItem}, made once and then shared by every output that keeps it. */
  scored(slot: number): ScoredNewsItem {
    let scored = this.scoredItems[slot];
    if (scored === undefined) {
      const n = slot * SLOTS;
      const x = this.numbers;
      scored = Object.freeze({
        id: this.ids[slot],
        publishedAt: x[n + PUBLISHED_AT],
        headline: this.headlines[slot],
        influence: x[n + INFLUENCE],
        base: x[n + BASE],
        prob: x[n + PROB],
        sentiment: x[n + SENTIMENT],
      });
      this.scoredItems[slot] = scored;
    }
    return scored;
  }
}
