import { CaseColumns } from './case-columns';
import { caseDefect } from './case-integrity';
import { CaseOutcomes } from './case-outcomes';
import { ExperienceTally } from './experience-summary';
import { MemoryCase, ProvenanceParts, runCaseId } from './memory-case';
import { SimilarityIndex } from './similarity-index';
import { ProjectionIndex } from './similarity-projection';
import { rowDot, scanRows, strideFor } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

/**
 * How `similar` searches (every way gives the same cases): by default brute force below 64
 * cases, the projection index up to 10,000, the cluster index from there.
 */
export interface CaseMemoryOptions {
  /** Size from which `similar` uses the projection index (Infinity: never). */
  projectionFrom?: number;
  /** Size from which `similar` uses the cluster index (Infinity: never). */
  indexFrom?: number;
  /** Cases to make room for at once (a run knows how many it can label); the memory grows past it as needed. */
  capacity?: number;
}

/** How `add` reads a case (see {@link CaseMemory.add}). */
export interface AddOptions {
  derivedId?: boolean;
  provenance?: ProvenanceParts;
}

/** The index is rebuilt when the memory has grown by this factor since the last build. */
const REBUILD_GROWTH = 2;

/**
 * The cases the reflective agents learn from, with point-in-time retrieval: a decision at time
 * t only ever sees cases whose labels were known strictly before t. Cases that fail validation
 * are kept out and counted in `rejected`. Cases are held as rows of typed columns
 * ({@link CaseColumns}; `caseAt`, `recent` and `similar` build them as objects). States sit in
 * one Float64Array as unit vectors (a row per case, zero-padded to 8 slots for up to 8
 * features), so the exact k-nearest-neighbour search by cosine similarity is a loop of unrolled
 * dot products. Two exact pruning indexes skip rows that cannot rank: from `projectionFrom`
 * cases the {@link ProjectionIndex} (a disc around the query on the states' two principal
 * directions: cheap to keep up to date, strong on one market's slowly drifting states), from
 * `indexFrom` the {@link SimilarityIndex} (clusters: strong on any spread of states at large
 * sizes). Each search first scores the previous answer's rows. All give the same cases in the
 * same order.
 */
export class CaseMemory {
  private readonly cases: CaseColumns;
  private knownAt: Float64Array;
  private rows: Float64Array;
  private readonly stride: number;
  private readonly query: Float64Array;
  private readonly indexFrom: number;
  private index: SimilarityIndex | null = null;
  private readonly projectionFrom: number;
  private projection: ProjectionIndex | null = null;
  private top = new SimilarityTopK(0);
  /** The rows of the last answer (`seeds` of them), tried first by the next search. */
  private seed = new Int32Array(0);
  private seeds = 0;
  /** The labels of every case in columns, row i for case i (what summaries read). */
  readonly outcomes: CaseOutcomes;
  /** Indices into `cases` sorted by knownAt (appends are in order during a run). */
  private readonly byKnownAt: number[] = [];
  /** The last recent window `byKnownAt[from, to)` and its counts (valid while those places hold the same cases). */
  private readonly window = { valid: false, from: 0, to: 0, counts: new ExperienceTally() };
  readonly rejected: Array<{ id: string; reason: string }> = [];

  constructor(
    private readonly featureCount: number,
    options: CaseMemoryOptions = {},
  ) {
    const capacity = Math.max(16, options.capacity ?? 256);
    this.cases = new CaseColumns(featureCount, capacity);
    this.outcomes = new CaseOutcomes(capacity);
    this.knownAt = new Float64Array(capacity);
    this.stride = strideFor(featureCount);
    this.rows = new Float64Array(capacity * this.stride);
    this.query = new Float64Array(this.stride);
    this.indexFrom = Math.max(1, options.indexFrom ?? 10_000);
    this.projectionFrom = Math.max(1, options.projectionFrom ?? 64);
  }

  get size(): number {
    return this.cases.size;
  }

  /** Case i (in the order added), built from the columns. */
  caseAt(i: number): MemoryCase {
    return this.cases.at(i);
  }

  /**
   * Adds a case if it is sound; returns false (and records why) otherwise. The case is copied:
   * the caller may reuse the object. With `derivedId` the case's id is its symbol and decision
   * time ({@link runCaseId}), whatever `c.id` says. With `provenance` the case's inputs are
   * these lists one after the other, whatever `c.provenance` says.
   */
  add(c: MemoryCase, options: AddOptions = {}): boolean {
    const derivedId = options.derivedId ?? false;
    const provenance = options.provenance ?? [c.provenance];
    const defect = caseDefect(c, this.featureCount, provenance);
    if (defect) {
      this.rejected.push({ id: derivedId ? runCaseId(c.symbol, c.decidedAt) : c.id, reason: defect });
      return false;
    }
    const i = this.cases.size;
    if (i === this.knownAt.length) this.grow();
    const d = this.featureCount;
    this.cases.add(c, derivedId, provenance);
    this.outcomes.set(i, c);
    this.knownAt[i] = c.knownAt;
    let norm = 0;
    for (let j = 0; j < d; j++) norm += c.features[j] * c.features[j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < d; j++) this.rows[i * this.stride + j] = c.features[j] / norm;
    // A case placed before the last window's end shifts the places the window's counts stand for.
    if (insertSorted(this.byKnownAt, i, this.knownAt) < this.window.to) this.window.valid = false;
    this.index?.add(this.rows, i, c.knownAt);
    this.projection?.add(this.rows, i);
    return true;
  }

  /** Cases known strictly before `time` and at or after `since`, oldest first. */
  recent(time: number, since: number): MemoryCase[] {
    const out: MemoryCase[] = [];
    const order = this.byKnownAt;
    for (let j = lowerBound(order, since, this.knownAt); j < order.length && this.knownAt[order[j]] < time; j++) out.push(this.cases.at(order[j]));
    return out;
  }

  /**
   * Adds the cases `recent` would return to `tally`, in the same order; returns their count. A
   * run asks for a window that moves forward a bar at a time: the window's counts are kept and
   * moved along (cases entering added, cases leaving removed), and only the sums, which must run
   * in case order, are added afresh.
   */
  tallyRecent(time: number, since: number, tally: ExperienceTally): number {
    const order = this.byKnownAt;
    const from = lowerBound(order, since, this.knownAt);
    let to = from;
    while (to < order.length && this.knownAt[order[to]] < time) to++;
    const w = this.window;
    if (w.valid && from >= w.from && to >= w.to && from <= w.to) {
      w.counts.addCounts(this.outcomes, order, w.to, to, 1);
      w.counts.addCounts(this.outcomes, order, w.from, from, -1);
    } else {
      w.counts.reset();
      w.counts.addCounts(this.outcomes, order, from, to, 1);
    }
    w.valid = true;
    w.from = from;
    w.to = to;
    tally.copyCounts(w.counts);
    tally.addSums(this.outcomes, order, from, to);
    return to - from;
  }

  /**
   * The k cases known strictly before `time` whose states are most similar to `query` (cosine
   * similarity), most similar first; ties keep the earlier case. Cases known at or after
   * `excludeFrom` are skipped (the caller already has them from the recent window). A query
   * with a non-finite component matches nothing.
   */
  similar(query: Float64Array, time: number, k: number, excludeFrom = Infinity): MemoryCase[] {
    const top = this.similarRows(query, time, k, excludeFrom);
    const out: MemoryCase[] = [];
    for (let j = 0; j < top.size; j++) out.push(this.cases.at(top.rows[j]));
    return out;
  }

  /** Adds the cases `similar` would return to `tally`, in the same order; returns their count. */
  tallySimilar(query: Float64Array, time: number, k: number, excludeFrom: number, tally: ExperienceTally): number {
    const top = this.similarRows(query, time, k, excludeFrom);
    tally.addRows(this.outcomes, top.rows, 0, top.size);
    return top.size;
  }

  /** The rows `similar` returns, held in a top-k reused until the next call. */
  private similarRows(query: Float64Array, time: number, k: number, excludeFrom: number): SimilarityTopK {
    const reuse = this.top.k === Math.max(0, k);
    const seeds = reuse ? this.seeds : 0;
    for (let j = 0; j < seeds; j++) this.seed[j] = this.top.rows[j];
    const top = reuse ? this.top.clear() : (this.top = new SimilarityTopK(Math.max(0, k)));
    this.seeds = 0;
    if (k <= 0) return top;
    const q = this.query;
    // The query's norm scales every similarity alike, so ranking by the dot product suffices.
    for (let j = 0; j < this.featureCount; j++) {
      if (!Number.isFinite(query[j])) return top;
      q[j] = query[j];
    }
    const n = this.cases.size;
    const limit = Math.min(time, excludeFrom);
    // Consecutive queries of a run are close: the last answer, scored first, sets a high k-th
    // similarity at once, so the search offers few rows. (The answer does not depend on it.)
    for (let j = 0; j < seeds; j++) {
      const row = this.seed[j];
      if (this.knownAt[row] < limit) top.offer(rowDot(this.rows, row * this.stride, q, this.stride), row);
    }
    if (n >= this.indexFrom) {
      this.projection = null;
      if (!this.index || n >= REBUILD_GROWTH * this.index.builtSize) this.index = SimilarityIndex.build(this.rows, this.stride, this.knownAt, n);
      this.index.search(this.rows, this.knownAt, q, limit, top);
    } else if (n >= this.projectionFrom) {
      if (!this.projection || n >= REBUILD_GROWTH * this.projection.builtSize) this.projection = ProjectionIndex.build(this.rows, this.stride, n);
      this.projection.search(this.rows, this.knownAt, q, limit, top);
    } else {
      scanRows(this.rows, this.stride, this.knownAt, n, q, limit, top);
    }
    if (top.size > this.seed.length) this.seed = new Int32Array(top.k);
    this.seeds = top.size;
    return top;
  }

  private grow(): void {
    const n = this.knownAt.length * 2;
    const knownAt = new Float64Array(n);
    knownAt.set(this.knownAt);
    this.knownAt = knownAt;
    const rows = new Float64Array(n * this.stride);
    rows.set(this.rows);
    this.rows = rows;
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

/** Places case i in `order` after every case known at or before it; returns its place. */
function insertSorted(order: number[], i: number, knownAt: Float64Array): number {
  const t = knownAt[i];
  if (order.length === 0 || knownAt[order[order.length - 1]] <= t) return order.push(i) - 1;
  let pos = lowerBound(order, t, knownAt);
  while (pos < order.length && knownAt[order[pos]] <= t) pos++;
  order.splice(pos, 0, i);
  return pos;
}
