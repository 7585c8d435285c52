import { rowDot } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

/** Power iterations for the principal direction (converged far beyond what pruning needs). */
const POWER_ITERATIONS = 32;
/** Allowance for rounding, relative to |q| (see {@link ProjectionIndex.search}). */
const SLACK = 1e-6;

/**
 * An exact pruning index over the stored state rows (unit vectors, or zero) for small and
 * mid-sized memories: the rows sorted by their projection p(x) = u·x on one unit direction u
 * (the rows' principal direction when the index is built), each with its projection on a second
 * direction v (the next principal direction) and its knownAt beside it. For the query's
 * direction q̂ and any row x with q̂·x ≥ f, both |p(x) − p(q̂)| and |v·x − v·q̂| are at most
 * |x − q̂| ≤ √(2 − 2f), since |x| ≤ 1. A search walks down from p(q̂), then up, each walk
 * ending at its first projection farther than the window the k-th similarity found so far
 * allows, and scores only the rows whose second projection and knownAt (read in sorted order,
 * beside the keys) pass. Rows are scored with the brute-force arithmetic
 * and ranked by (similarity, row index), so the result is the brute-force result. States of one
 * market drift slowly, so the k most similar are very close (cosine ≈ 0.99) and the window
 * holds a small share of the rows.
 */
export class ProjectionIndex {
  /** By increasing projection on u: row ids, projections on u and on v, and knownAt. */
  private order: Int32Array;
  private keys: Float64Array;
  private second: Float64Array;
  private known: Float64Array;
  private size = 0;

  private constructor(
    private readonly stride: number,
    private readonly direction: Float64Array,
    private readonly secondDirection: Float64Array,
    capacity: number,
    /** How many rows the directions were computed from. */
    readonly builtSize: number,
  ) {
    const n = Math.max(16, capacity);
    this.order = new Int32Array(n);
    this.keys = new Float64Array(n);
    this.second = new Float64Array(n);
    this.known = new Float64Array(n);
  }

  /** Indexes rows [0, n) along their two principal directions. */
  static build(rows: Float64Array, stride: number, knownAt: Float64Array, n: number): ProjectionIndex {
    const [u, v] = principalDirections(rows, stride, n);
    const index = new ProjectionIndex(stride, u, v, 2 * n, n);
    for (let i = 0; i < n; i++) index.add(rows, i, knownAt[i]);
    return index;
  }

  /** Files row i (placed by its projection; equal projections keep insertion order). */
  add(rows: Float64Array, i: number, knownAt: number): void {
    if (this.size === this.order.length) this.grow();
    const base = i * this.stride;
    const key = rowDot(rows, base, this.direction, this.stride);
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    this.order.copyWithin(lo + 1, lo, this.size);
    this.keys.copyWithin(lo + 1, lo, this.size);
    this.second.copyWithin(lo + 1, lo, this.size);
    this.known.copyWithin(lo + 1, lo, this.size);
    this.order[lo] = i;
    this.keys[lo] = key;
    this.second[lo] = rowDot(rows, base, this.secondDirection, this.stride);
    this.known[lo] = knownAt;
    this.size++;
  }

  /**
   * Offers to `top` every row known strictly before `limit` that could rank among its k best;
   * `top` ends holding what a brute-force scan of all rows would hold. Projections and
   * similarities are within ~1e-14·|q| of their exact values; the window is widened by 1e-6,
   * which covers that error even where √(2 − 2f) is steepest.
   */
  search(rows: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    const { stride, keys, second, known, order } = this;
    const qNorm = Math.sqrt(rowDot(q, 0, q, stride));
    if (!(qNorm > 0)) return this.scanAll(rows, q, limit, top);
    const centre = rowDot(q, 0, this.direction, stride) / qNorm;
    const centre2 = rowDot(q, 0, this.secondDirection, stride) / qNorm;
    const start = lowerBound(keys, this.size, centre);
    // Down from the centre, then up: each walk ends at its first projection outside the window,
    // which only narrows as better rows are found (the second walk starts narrow).
    let floor = top.floor;
    let window = windowFor(floor, qNorm);
    for (let dir = -1; dir <= 1; dir += 2) {
      for (let p = dir < 0 ? start - 1 : start; p >= 0 && p < this.size; p += dir) {
        if (Math.abs(keys[p] - centre) > window) break;
        if (!(known[p] < limit) || Math.abs(second[p] - centre2) > window) continue;
        const i = order[p];
        const sim = rowDot(rows, i * stride, q, stride);
        if (sim < floor) continue;
        top.offer(sim, i);
        if (top.floor !== floor) {
          floor = top.floor;
          window = windowFor(floor, qNorm);
        }
      }
    }
  }

  /** A zero query scores every row 0: all rows are candidates, as in the brute-force scan. */
  private scanAll(rows: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    for (let p = 0; p < this.size; p++) {
      const i = this.order[p];
      if (this.known[p] < limit) top.offer(rowDot(rows, i * this.stride, q, this.stride), i);
    }
  }

  private grow(): void {
    const n = this.order.length * 2;
    this.order = grown(this.order, new Int32Array(n));
    this.keys = grown(this.keys, new Float64Array(n));
    this.second = grown(this.second, new Float64Array(n));
    this.known = grown(this.known, new Float64Array(n));
  }
}

function grown<A extends Int32Array | Float64Array>(old: A, next: A): A {
  next.set(old as never);
  return next;
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
 * The two orthogonal unit directions along which the rows spread most (the top eigenvectors of
 * their covariance, by power iteration from fixed starts, the second after deflating the first):
 * they separate the rows best, so the window holds fewest.
 */
function principalDirections(rows: Float64Array, stride: number, n: number): [Float64Array, Float64Array] {
  const mean = new Float64Array(stride);
  for (let i = 0; i < n; i++) for (let j = 0; j < stride; j++) mean[j] += rows[i * stride + j] / n;
  const cov = new Float64Array(stride * stride);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < stride; a++) {
      const da = rows[i * stride + a] - mean[a];
      for (let b = 0; b < stride; b++) cov[a * stride + b] += da * (rows[i * stride + b] - mean[b]);
    }
  }
  const u = topEigenvector(cov, stride, 0);
  const lambda = rayleigh(cov, u, stride);
  for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) cov[a * stride + b] -= lambda * u[a] * u[b];
  const v = topEigenvector(cov, stride, 1);
  // Keep v orthogonal to u exactly enough to be a unit direction of its own.
  const along = rowDot(v, 0, u, stride);
  for (let a = 0; a < stride; a++) v[a] -= along * u[a];
  const norm = Math.sqrt(rowDot(v, 0, v, stride));
  for (let a = 0; a < stride; a++) v[a] = norm > 0 ? v[a] / norm : 0;
  return [u, v];
}

/** Power iteration from a fixed start (`seed` picks one of two); a unit vector, or zero. */
function topEigenvector(m: Float64Array, stride: number, seed: number): Float64Array {
  let v = Float64Array.from({ length: stride }, (_, a) => (seed === 0 || a % 2 === 0 ? 1 : -1) / Math.sqrt(stride));
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    const next = new Float64Array(stride);
    for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) next[a] += m[a * stride + b] * v[b];
    const norm = Math.sqrt(rowDot(next, 0, next, stride));
    if (!(norm > 0)) break;
    for (let a = 0; a < stride; a++) next[a] /= norm;
    v = next;
  }
  return v;
}

function rayleigh(m: Float64Array, v: Float64Array, stride: number): number {
  let sum = 0;
  for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) sum += v[a] * m[a * stride + b] * v[b];
  return sum;
}
