import { rowDot } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

/** Power iterations for the principal direction (converged far beyond what pruning needs). */
const POWER_ITERATIONS = 32;
/** Allowance for rounding, relative to |q| (see {@link ProjectionIndex.search}). */
const SLACK = 1e-6;

/**
 * An exact pruning index over the stored state rows (unit vectors, or zero) for small and
 * mid-sized memories: the rows sorted by their projection p(x) = u·x on one unit direction u
 * (the rows' principal direction when the index is built). For the query's direction q̂ and
 * any row x with q̂·x ≥ f, |p(x) − p(q̂)| ≤ |x − q̂| ≤ √(2 − 2f), since |x| ≤ 1. A search
 * walks outward from p(q̂), always to the nearer side, and stops a side as soon as its next
 * projection is farther than the window the k-th similarity found so far allows. Rows are
 * scored with the brute-force arithmetic and ranked by (similarity, row index), so the result is
 * the brute-force result. States of one market drift slowly, so the k most similar are very
 * close (cosine ≈ 0.99) and the window holds a small share of the rows.
 */
export class ProjectionIndex {
  /** Row ids by increasing projection, and their projections. */
  private order: Int32Array;
  private keys: Float64Array;
  private size = 0;

  private constructor(
    private readonly stride: number,
    private readonly direction: Float64Array,
    capacity: number,
    /** How many rows the direction was computed from. */
    readonly builtSize: number,
  ) {
    this.order = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(this.order.length);
  }

  /** Indexes rows [0, n) along their principal direction. */
  static build(rows: Float64Array, stride: number, n: number): ProjectionIndex {
    const index = new ProjectionIndex(stride, principalDirection(rows, stride, n), 2 * n, n);
    for (let i = 0; i < n; i++) index.add(rows, i);
    return index;
  }

  /** Files row i (its projection placed in order; equal projections keep insertion order). */
  add(rows: Float64Array, i: number): void {
    if (this.size === this.order.length) this.grow();
    const key = rowDot(rows, i * this.stride, this.direction, this.stride);
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    this.order.copyWithin(lo + 1, lo, this.size);
    this.keys.copyWithin(lo + 1, lo, this.size);
    this.order[lo] = i;
    this.keys[lo] = key;
    this.size++;
  }

  /**
   * Offers to `top` every row known strictly before `limit` that could rank among its k best;
   * `top` ends holding what a brute-force scan of all rows would hold. Projections and
   * similarities are within ~1e-14·|q| of their exact values, so widening the window by
   * 1e-7 keeps every row that could rank.
   */
  search(rows: Float64Array, knownAt: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    const { stride, keys, order } = this;
    const qNorm = Math.sqrt(rowDot(q, 0, q, stride));
    if (!(qNorm > 0)) return this.scanAll(rows, knownAt, q, limit, top);
    const centre = rowDot(q, 0, this.direction, stride) / qNorm;
    let lo = lowerBound(keys, this.size, centre) - 1;
    let hi = lo + 1;
    let floor = top.floor;
    let window = windowFor(floor, qNorm);
    let below = lo >= 0 ? centre - keys[lo] : Infinity;
    let above = hi < this.size ? keys[hi] - centre : Infinity;
    while (lo >= 0 || hi < this.size) {
      let i: number;
      if (below <= above) {
        if (below > window) break;
        i = order[lo--];
        below = lo >= 0 ? centre - keys[lo] : Infinity;
      } else {
        if (above > window) break;
        i = order[hi++];
        above = hi < this.size ? keys[hi] - centre : Infinity;
      }
      if (!(knownAt[i] < limit)) continue;
      const sim = rowDot(rows, i * stride, q, stride);
      if (sim < floor) continue;
      top.offer(sim, i);
      if (top.floor !== floor) {
        floor = top.floor;
        window = windowFor(floor, qNorm);
      }
    }
  }

  /** A zero query scores every row 0: all rows are candidates, as in the brute-force scan. */
  private scanAll(rows: Float64Array, knownAt: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    for (let p = 0; p < this.size; p++) {
      const i = this.order[p];
      if (knownAt[i] < limit) top.offer(rowDot(rows, i * this.stride, q, this.stride), i);
    }
  }

  private grow(): void {
    const order = new Int32Array(this.order.length * 2);
    order.set(this.order);
    this.order = order;
    const keys = new Float64Array(order.length);
    keys.set(this.keys);
    this.keys = keys;
  }
}

/** Half-width of the projection window that can hold a row scoring at least `floor`. */
function windowFor(floor: number, qNorm: number): number {
  const f = floor / qNorm;
  return f === -Infinity ? Infinity : Math.sqrt(Math.max(0, 2 - 2 * f)) + SLACK;
}

/** First position whose key is >= value. */
function lowerBound(keys: Float64Array, size: number, value: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The unit direction along which the rows spread most (the top eigenvector of their covariance,
 * by power iteration from a fixed start): it separates the rows best, so the window holds fewest.
 */
function principalDirection(rows: Float64Array, stride: number, n: number): Float64Array {
  const mean = new Float64Array(stride);
  for (let i = 0; i < n; i++) for (let j = 0; j < stride; j++) mean[j] += rows[i * stride + j] / n;
  const cov = new Float64Array(stride * stride);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < stride; a++) {
      const da = rows[i * stride + a] - mean[a];
      for (let b = 0; b < stride; b++) cov[a * stride + b] += da * (rows[i * stride + b] - mean[b]);
    }
  }
  let v = new Float64Array(stride).fill(1 / Math.sqrt(stride));
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    const next = new Float64Array(stride);
    for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) next[a] += cov[a * stride + b] * v[b];
    const norm = Math.sqrt(rowDot(next, 0, next, stride));
    if (!(norm > 0)) break;
    for (let a = 0; a < stride; a++) next[a] /= norm;
    v = next;
  }
  return v;
}
