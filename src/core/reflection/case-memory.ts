import { caseDefect } from './case-integrity';
import { MemoryCase } from './memory-case';

/**
 * The cases the reflective agents learn from, with point-in-time retrieval: a decision at time
 * t only ever sees cases whose labels were known strictly before t. Cases that fail validation
 * are kept out and counted in `rejected`. States sit in one Float64Array as unit vectors (a row
 * per case), so the exact k-nearest-neighbour search by cosine similarity is a loop of dot
 * products.
 */
export class CaseMemory {
  private readonly cases: MemoryCase[] = [];
  private knownAt = new Float64Array(256);
  private features: Float64Array;
  /** Indices into `cases` sorted by knownAt (appends are in order during a run). */
  private readonly byKnownAt: number[] = [];
  readonly rejected: Array<{ id: string; reason: string }> = [];

  constructor(private readonly featureCount: number) {
    this.features = new Float64Array(256 * featureCount);
  }

  get size(): number {
    return this.cases.length;
  }

  /** Adds a case if it is sound; returns false (and records why) otherwise. */
  add(c: MemoryCase): boolean {
    const defect = caseDefect(c, this.featureCount);
    if (defect) {
      this.rejected.push({ id: c.id, reason: defect });
      return false;
    }
    const i = this.cases.length;
    if (i === this.knownAt.length) this.grow();
    const d = this.featureCount;
    this.cases.push(c);
    this.knownAt[i] = c.knownAt;
    let norm = 0;
    for (let j = 0; j < d; j++) norm += c.features[j] * c.features[j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) this.features[i * d + j] = c.features[j] / norm;
    insertSorted(this.byKnownAt, i, this.knownAt);
    return true;
  }

  /** Cases known strictly before `time` and at or after `since`, oldest first. */
  recent(time: number, since: number): MemoryCase[] {
    const order = this.byKnownAt;
    const out: MemoryCase[] = [];
    for (let j = lowerBound(order, since, this.knownAt); j < order.length && this.knownAt[order[j]] < time; j++) out.push(this.cases[order[j]]);
    return out;
  }

  /**
   * The k cases known strictly before `time` whose states are most similar to `query` (cosine
   * similarity), most similar first; ties keep the earlier case. Cases known at or after
   * `excludeFrom` are skipped (the caller already has them from the recent window).
   */
  similar(query: Float64Array, time: number, k: number, excludeFrom = Infinity): MemoryCase[] {
    if (k <= 0) return [];
    const d = this.featureCount;
    // The query's norm scales every similarity alike, so ranking by the dot product suffices.
    const best = new Float64Array(k).fill(-Infinity);
    const bestIdx = new Int32Array(k).fill(-1);
    const { features, knownAt } = this;
    const n = this.cases.length;
    const limit = Math.min(time, excludeFrom);
    let worst = -Infinity;
    for (let i = 0, base = 0; i < n; i++, base += d) {
      if (!(knownAt[i] < limit)) continue;
      let sim = 0;
      for (let j = 0; j < d; j++) sim += features[base + j] * query[j];
      if (sim <= worst) continue;
      let pos = k - 1;
      while (pos > 0 && sim > best[pos - 1]) {
        best[pos] = best[pos - 1];
        bestIdx[pos] = bestIdx[pos - 1];
        pos--;
      }
      best[pos] = sim;
      bestIdx[pos] = i;
      worst = best[k - 1];
    }
    const out: MemoryCase[] = [];
    for (let j = 0; j < k && bestIdx[j] >= 0; j++) out.push(this.cases[bestIdx[j]]);
    return out;
  }

  private grow(): void {
    const n = this.knownAt.length * 2;
    const knownAt = new Float64Array(n);
    knownAt.set(this.knownAt);
    this.knownAt = knownAt;
    const features = new Float64Array(n * this.featureCount);
    features.set(this.features);
    this.features = features;
  }
}

/** First position in `order` whose knownAt is >= `time`. */
function lowerBound(order: number[], time: number, knownAt: Float64Array): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (knownAt[order[mid]] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts index i keeping `order` sorted by knownAt (after equal times). */
function insertSorted(order: number[], i: number, knownAt: Float64Array): void {
  const t = knownAt[i];
  if (order.length === 0 || knownAt[order[order.length - 1]] <= t) {
    order.push(i);
    return;
  }
  let pos = lowerBound(order, t, knownAt);
  while (pos < order.length && knownAt[order[pos]] <= t) pos++;
  order.splice(pos, 0, i);
}
