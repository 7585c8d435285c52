import { rowDot, scanMembers } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

/** Lloyd iterations run on a sample of about this many rows per cluster before the full assignment. */
const SAMPLE_PER_CLUSTER = 16;
const LLOYD_ITERATIONS = 4;
/**
 * Allowance for rounding when a cluster is skipped, relative to |q|: the computed similarities
 * and bounds are within ~1e-14·|q| of their exact values, so the bound plus 1e-7·|q| is an upper
 * bound of every computed similarity in the cluster. (It only makes pruning a hair less eager.)
 */
const SLACK = 1e-7;

/**
 * An exact pruning index over the stored state rows (unit vectors, or zero): the rows are
 * partitioned into clusters, each with a unit centre u and a radius R (the largest distance of a
 * member from u). For the query's direction q̂ = q/|q| and D = |q̂ − u|, the triangle inequality
 * gives |q̂ − x| ≥ D − R for every member x, and since q̂·x = (1 + |x|² − |q̂ − x|²) / 2 with
 * |x| ≤ 1, q·x ≤ |q| · (1 − max(0, D − R)² / 2). A search visits the clusters in order of that
 * bound and stops as soon as the best remaining bound cannot reach the k-th similarity found.
 * Rows are scored with the same arithmetic as the brute-force scan and ranked in the same order
 * (similarity, then row index), so the result is the brute-force result, bit for bit. Clusters
 * also keep the earliest knownAt of their members, so a search at an early time skips clusters
 * with no usable case.
 *
 * The partition is a deterministic spherical k-means (√n clusters seeded from evenly spaced
 * rows, a few Lloyd iterations on an evenly strided sample, then one assignment of every row).
 * Rows added after the build join the cluster of the closest centre, whose radius grows to
 * cover them; the owner rebuilds the index when it has grown enough for the partition to go
 * stale.
 */
export class SimilarityIndex {
  private readonly bounds: Float64Array;
  private readonly heap: Int32Array;

  private constructor(
    private readonly stride: number,
    /** Unit centres (zero when a cluster's members sum to zero), `stride` each. */
    private readonly centres: Float64Array,
    private readonly radius: Float64Array,
    private readonly minKnownAt: Float64Array,
    private readonly members: Int32Array[],
    private readonly counts: Int32Array,
    /** How many rows the partition was computed from. */
    readonly builtSize: number,
  ) {
    this.bounds = new Float64Array(counts.length);
    this.heap = new Int32Array(counts.length);
  }

  get clusters(): number {
    return this.counts.length;
  }

  /** Partitions rows [0, n) (`stride` float64 each) into about √n clusters. */
  static build(rows: Float64Array, stride: number, knownAt: Float64Array, n: number): SimilarityIndex {
    const wanted = Math.max(1, Math.min(n, Math.round(Math.sqrt(n))));
    let centres: Float64Array = new Float64Array(wanted * stride);
    for (let c = 0; c < wanted; c++) {
      const src = Math.floor(((c + 0.5) * n) / wanted);
      centres.set(rows.subarray(src * stride, src * stride + stride), c * stride);
    }
    const step = Math.max(1, Math.floor(n / (wanted * SAMPLE_PER_CLUSTER)));
    for (let iteration = 0; iteration < LLOYD_ITERATIONS; iteration++) {
      centres = directionsOf(rows, stride, n, step, assignRows(rows, stride, n, step, centres, wanted), wanted, centres);
    }
    const assign = assignRows(rows, stride, n, 1, centres, wanted);
    centres = directionsOf(rows, stride, n, 1, assign, wanted, centres);
    // Drop empty clusters and renumber the rest.
    const counts = new Int32Array(wanted);
    for (let i = 0; i < n; i++) counts[assign[i]]++;
    const renumber = new Int32Array(wanted).fill(-1);
    let kept = 0;
    for (let c = 0; c < wanted; c++) if (counts[c] > 0) renumber[c] = kept++;
    const keptCentres = new Float64Array(kept * stride);
    const members: Int32Array[] = [];
    for (let c = 0; c < wanted; c++) {
      if (renumber[c] < 0) continue;
      keptCentres.set(centres.subarray(c * stride, c * stride + stride), renumber[c] * stride);
      members.push(new Int32Array(Math.max(4, counts[c] + (counts[c] >> 2))));
    }
    const minKnownAt = new Float64Array(kept).fill(Infinity);
    const index = new SimilarityIndex(stride, keptCentres, new Float64Array(kept), minKnownAt, members, new Int32Array(kept), n);
    for (let i = 0; i < n; i++) index.file(rows, i, renumber[assign[i]], knownAt[i]);
    return index;
  }

  /** Files a row appended after the build under the closest centre. */
  add(rows: Float64Array, i: number, knownAt: number): void {
    this.file(rows, i, nearest(rows, i * this.stride, this.centres, this.stride, this.clusters), knownAt);
  }

  /**
   * Offers to `top` every row known strictly before `limit` that could rank among its k best;
   * `top` ends holding what a brute-force scan of all rows would hold.
   */
  search(rows: Float64Array, knownAt: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    const { stride, centres, radius, bounds, heap } = this;
    const qNorm = Math.sqrt(rowDot(q, 0, q, stride));
    const slack = SLACK * qNorm;
    const inverse = qNorm > 0 ? 1 / qNorm : 0;
    let size = 0;
    for (let c = 0; c < this.clusters; c++) {
      if (!(this.minKnownAt[c] < limit)) continue;
      let d2 = 0;
      for (let j = 0, b = c * stride; j < stride; j++) {
        const diff = q[j] * inverse - centres[b + j];
        d2 += diff * diff;
      }
      const gap = Math.max(0, Math.sqrt(d2) - radius[c]);
      bounds[c] = qNorm * (1 - (gap * gap) / 2);
      heap[size++] = c;
    }
    for (let p = (size >> 1) - 1; p >= 0; p--) siftDown(heap, size, p, bounds);
    while (size > 0) {
      const c = heap[0];
      if (bounds[c] + slack < top.floor) break;
      heap[0] = heap[--size];
      siftDown(heap, size, 0, bounds);
      scanMembers(rows, stride, knownAt, this.members[c], 0, this.counts[c], q, limit, top);
    }
  }

  private file(rows: Float64Array, i: number, c: number, knownAt: number): void {
    let list = this.members[c];
    const n = this.counts[c];
    if (n === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.members[c] = list = grown;
    }
    list[n] = i;
    this.counts[c] = n + 1;
    const stride = this.stride;
    let d2 = 0;
    for (let j = 0; j < stride; j++) {
      const diff = rows[i * stride + j] - this.centres[c * stride + j];
      d2 += diff * diff;
    }
    const d = Math.sqrt(d2);
    if (d > this.radius[c]) this.radius[c] = d;
    if (knownAt < this.minKnownAt[c]) this.minKnownAt[c] = knownAt;
  }
}

/** The closest centre of every `step`-th row (others stay 0). */
function assignRows(rows: Float64Array, stride: number, n: number, step: number, centres: Float64Array, k: number): Int32Array {
  const assign = new Int32Array(n);
  for (let i = 0; i < n; i += step) assign[i] = nearest(rows, i * stride, centres, stride, k);
  return assign;
}

/** The unit direction of each cluster's summed rows; an empty cluster keeps its previous centre. */
function directionsOf(rows: Float64Array, stride: number, n: number, step: number, assign: Int32Array, k: number, previous: Float64Array): Float64Array {
  const sums = new Float64Array(k * stride);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i += step) {
    const c = assign[i];
    counts[c]++;
    for (let j = 0; j < stride; j++) sums[c * stride + j] += rows[i * stride + j];
  }
  for (let c = 0; c < k; c++) {
    const b = c * stride;
    if (counts[c] === 0) {
      sums.set(previous.subarray(b, b + stride), b);
      continue;
    }
    const norm = Math.sqrt(pairDot(sums, b, sums, b, stride));
    for (let j = 0; j < stride; j++) sums[b + j] = norm > 0 ? sums[b + j] / norm : 0;
  }
  return sums;
}

/** The centre with the highest dot product with the row (for unit vectors, the closest); ties go to the lower number. */
function nearest(rows: Float64Array, base: number, centres: Float64Array, stride: number, k: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < k; c++) {
    const score = pairDot(centres, c * stride, rows, base, stride);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

function pairDot(a: Float64Array, aBase: number, b: Float64Array, bBase: number, stride: number): number {
  let sum = 0;
  for (let j = 0; j < stride; j++) sum += a[aBase + j] * b[bBase + j];
  return sum;
}

/** Max-heap of cluster numbers keyed by their bound. */
function siftDown(heap: Int32Array, size: number, p: number, key: Float64Array): void {
  const item = heap[p];
  const value = key[item];
  for (;;) {
    let child = 2 * p + 1;
    if (child >= size) break;
    if (child + 1 < size && key[heap[child + 1]] > key[heap[child]]) child++;
    if (!(key[heap[child]] > value)) break;
    heap[p] = heap[child];
    p = child;
  }
  heap[p] = item;
}
