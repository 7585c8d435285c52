import { rowDot } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

/** Power iterations for the principal directions (converged far beyond what pruning needs). */
const POWER_ITERATIONS = 32;
/** Allowance for rounding, relative to |q| (see {@link ProjectionIndex.search}). */
const SLACK = 1e-6;
/** Room a strip has beyond that for its rows. */
const SPARE_ROOM = 8;

/**
 * An exact pruning index over the stored state rows (unit vectors, or zero) for small and
 * mid-sized memories, built on two orthogonal unit directions u and v (the rows' first two
 * principal directions when the index is built). The range of u·x is cut into about √n strips
 * of equal width; each strip keeps its rows sorted by v·x. For the query's direction q̂ and any
 * row x with q̂·x ≥ f, the distance of (u·x, v·x) from (u·q̂, v·q̂) is at most
 * |x − q̂| ≤ r = √(2 − 2f), since |x| ≤ 1. A search visits the query's strip and then the
 * nearer strips outward; in a strip at distance du along u it reads only the run of rows whose
 * v lies within √(r² − du²) of the query's (the rows of a disc around the query's projection),
 * walking out from the query's v. r narrows as better rows are found. Rows are scored with the
 * brute-force arithmetic and ranked by (similarity, row index), so the result is the
 * brute-force result. States of one market drift slowly, so the k most similar are very close
 * (cosine ≈ 0.99) and the disc holds a small share of the rows. Adding a row inserts it into
 * one strip: its cost grows with the strip, not with the memory.
 */
export class ProjectionIndex {
  /**
   * The strips' rows by increasing projection on v: those projections, row ids, knownAt and
   * a copy of the row itself (`stride` slots each), so a search reads memory in order rather
   * than jumping about the memory's rows. Strip s holds `sizes[s]` rows from `starts[s]`,
   * with room up to `starts[s + 1]`.
   */
  private keys: Float64Array;
  private ids: Int32Array;
  private known: Float64Array;
  private vectors: Float64Array;
  private starts: Int32Array;
  private readonly sizes: Int32Array;

  private constructor(
    private readonly stride: number,
    private readonly u: Float64Array,
    private readonly v: Float64Array,
    /** Lower edge of strip 0 on u and the strips' width; the outer strips extend to ±∞. */
    private readonly low: number,
    private readonly width: number,
    /** Room each strip starts with. */
    rooms: Int32Array,
    /** How many rows the directions and strips were computed from. */
    readonly builtSize: number,
  ) {
    this.sizes = new Int32Array(rooms.length);
    this.starts = startsFor(rooms);
    const total = this.starts[rooms.length];
    this.keys = new Float64Array(total);
    this.ids = new Int32Array(total);
    this.known = new Float64Array(total);
    this.vectors = new Float64Array(total * stride);
  }

  /** Indexes rows [0, n) in about √n strips along their principal direction. */
  static build(rows: Float64Array, stride: number, knownAt: Float64Array, n: number): ProjectionIndex {
    const [u, v] = principalDirections(rows, stride, n);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const p = rowDot(rows, i * stride, u, stride);
      if (p < min) min = p;
      if (p > max) max = p;
    }
    const strips = Math.max(1, Math.min(256, Math.round(Math.sqrt(n))));
    const low = Number.isFinite(min) ? min : 0;
    const width = max > min ? (max - min) / strips : 1;
    const stripOfRow = new Int32Array(n);
    const counts = new Int32Array(strips);
    for (let i = 0; i < n; i++) counts[(stripOfRow[i] = stripOf(rowDot(rows, i * stride, u, stride), low, width, strips))]++;
    // Room for each strip's rows twice over: the owner rebuilds once the memory has doubled,
    // so strips seldom run out of room.
    const rooms = new Int32Array(strips);
    for (let s = 0; s < strips; s++) rooms[s] = 2 * counts[s] + SPARE_ROOM;
    const index = new ProjectionIndex(stride, u, v, low, width, rooms, n);
    index.fill(rows, knownAt, stripOfRow, counts);
    return index;
  }

  /**
   * Files rows [0, n) at once, each strip's rows sorted by their projection on v and equal
   * projections by row: the order `add` gives them one by one, without moving rows n times.
   */
  private fill(rows: Float64Array, knownAt: Float64Array, stripOfRow: Int32Array, counts: Int32Array): void {
    const stride = this.stride;
    const n = stripOfRow.length;
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) key[i] = rowDot(rows, i * stride, this.v, stride);
    // Rows grouped by strip in row order (a counting sort), then each group sorted by key.
    const cursor = new Int32Array(counts.length);
    for (let s = 1; s < counts.length; s++) cursor[s] = cursor[s - 1] + counts[s - 1];
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[cursor[stripOfRow[i]]++] = i;
    let from = 0;
    for (let s = 0; s < counts.length; s++) {
      const group = order.subarray(from, from + counts[s]).sort((a, b) => key[a] - key[b] || a - b);
      for (let j = 0; j < group.length; j++) {
        const i = group[j];
        const p = this.starts[s] + j;
        this.keys[p] = key[i];
        this.ids[p] = i;
        this.known[p] = knownAt[i];
        for (let c = 0; c < stride; c++) this.vectors[p * stride + c] = rows[i * stride + c];
      }
      this.sizes[s] = counts[s];
      from += counts[s];
    }
  }

  /** Files row i in its strip (equal projections keep insertion order). */
  add(rows: Float64Array, i: number, knownAt: number): void {
    const base = i * this.stride;
    const s = this.stripOf(rowDot(rows, base, this.u, this.stride));
    const key = rowDot(rows, base, this.v, this.stride);
    if (this.starts[s] + this.sizes[s] === this.starts[s + 1]) this.makeRoom();
    const start = this.starts[s];
    const end = start + this.sizes[s];
    const keys = this.keys;
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    keys.copyWithin(lo + 1, lo, end);
    this.ids.copyWithin(lo + 1, lo, end);
    this.known.copyWithin(lo + 1, lo, end);
    this.vectors.copyWithin((lo + 1) * this.stride, lo * this.stride, end * this.stride);
    keys[lo] = key;
    this.ids[lo] = i;
    this.known[lo] = knownAt;
    for (let j = 0; j < this.stride; j++) this.vectors[lo * this.stride + j] = rows[base + j];
    this.sizes[s]++;
  }

  /**
   * Offers to `top` every row known strictly before `limit` that could rank among its k best;
   * `top` ends holding what a brute-force scan of all rows would hold. Projections and
   * similarities are within ~1e-14·|q| of their exact values; distances are widened by 1e-6,
   * which covers that error even where √(2 − 2f) is steepest.
   */
  search(rows: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    const qNorm = Math.sqrt(rowDot(q, 0, q, this.stride));
    if (!(qNorm > 0)) return this.scanAll(rows, q, limit, top);
    const cu = rowDot(q, 0, this.u, this.stride) / qNorm;
    const cv = rowDot(q, 0, this.v, this.stride) / qNorm;
    const strips = this.sizes.length;
    const centre = this.stripOf(cu);
    this.scanStrip(centre, q, qNorm, cu, cv, limit, top);
    // Then the nearer of the next strips on either side, closing a side at its first strip
    // beyond the radius (strips only get farther, and the radius only narrows).
    let below = centre - 1;
    let above = centre + 1;
    while (below >= 0 || above < strips) {
      const takeBelow = below >= 0 && (above >= strips || this.distanceAlongU(below, cu) <= this.distanceAlongU(above, cu));
      const s = takeBelow ? below-- : above++;
      if (this.scanStrip(s, q, qNorm, cu, cv, limit, top)) continue;
      if (takeBelow) below = -1;
      else above = strips;
    }
  }

  /** Scores the rows of strip s inside the disc the k-th similarity allows; false when the whole strip is beyond it. */
  private scanStrip(s: number, q: Float64Array, qNorm: number, cu: number, cv: number, limit: number, top: SimilarityTopK): boolean {
    const stride = this.stride;
    let floor = top.floor;
    let radius = radiusFor(floor, qNorm);
    const du = Math.max(0, this.distanceAlongU(s, cu) - SLACK);
    if (du > radius) return false;
    const { keys, ids, known, vectors } = this;
    const first = this.starts[s];
    const end = first + this.sizes[s];
    const start = lowerBound(keys, first, end, cv);
    let half = Math.sqrt(Math.max(0, radius * radius - du * du)) + SLACK;
    // Down from the query's v, then up: the nearest rows come first, so the k-th similarity
    // (and with it the disc) settles after few offers.
    for (let dir = -1; dir <= 1; dir += 2) {
      for (let p = dir < 0 ? start - 1 : start; p >= first && p < end; p += dir) {
        if (Math.abs(keys[p] - cv) > half) break;
        if (!(known[p] < limit)) continue;
        const sim = rowDot(vectors, p * stride, q, stride);
        if (sim < floor) continue;
        top.offer(sim, ids[p]);
        if (top.floor !== floor) {
          floor = top.floor;
          radius = radiusFor(floor, qNorm);
          half = Math.sqrt(Math.max(0, radius * radius - du * du)) + SLACK;
        }
      }
    }
    return true;
  }

  private stripOf(p: number): number {
    return stripOf(p, this.low, this.width, this.sizes.length);
  }

  /** Distance along u from `p` to strip s (0 inside it). */
  private distanceAlongU(s: number, p: number): number {
    const lo = s === 0 ? -Infinity : this.low + s * this.width;
    const hi = s === this.sizes.length - 1 ? Infinity : this.low + (s + 1) * this.width;
    return p < lo ? lo - p : p > hi ? p - hi : 0;
  }

  /** A zero query scores every row 0: all rows are candidates, as in the brute-force scan. */
  private scanAll(rows: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    for (let s = 0; s < this.sizes.length; s++) {
      for (let p = this.starts[s]; p < this.starts[s] + this.sizes[s]; p++) {
        const i = this.ids[p];
        if (this.known[p] < limit) top.offer(rowDot(rows, i * this.stride, q, this.stride), i);
      }
    }
  }

  /** A strip is full: lays the strips out afresh, each with room for twice its rows. */
  private makeRoom(): void {
    const rooms = new Int32Array(this.sizes.length);
    for (let s = 0; s < rooms.length; s++) rooms[s] = 2 * this.sizes[s] + SPARE_ROOM;
    const starts = startsFor(rooms);
    const total = starts[rooms.length];
    const keys = new Float64Array(total);
    const ids = new Int32Array(total);
    const known = new Float64Array(total);
    const vectors = new Float64Array(total * this.stride);
    for (let s = 0; s < rooms.length; s++) {
      const from = this.starts[s];
      const to = from + this.sizes[s];
      keys.set(this.keys.subarray(from, to), starts[s]);
      ids.set(this.ids.subarray(from, to), starts[s]);
      known.set(this.known.subarray(from, to), starts[s]);
      vectors.set(this.vectors.subarray(from * this.stride, to * this.stride), starts[s] * this.stride);
    }
    this.keys = keys;
    this.ids = ids;
    this.known = known;
    this.vectors = vectors;
    this.starts = starts;
  }
}

/** Where each strip's room begins, and (last) the total room. */
function startsFor(rooms: Int32Array): Int32Array {
  const starts = new Int32Array(rooms.length + 1);
  for (let s = 0; s < rooms.length; s++) starts[s + 1] = starts[s] + rooms[s];
  return starts;
}

/** Strip of a projection on u (outliers fall in the outer strips). */
function stripOf(p: number, low: number, width: number, strips: number): number {
  const s = Math.floor((p - low) / width);
  return s < 0 ? 0 : s >= strips ? strips - 1 : s;
}

/** The largest distance |x − q̂| of a row that can score at least `floor` (∞ until k rows are held). */
function radiusFor(floor: number, qNorm: number): number {
  const f = floor / qNorm;
  return f === -Infinity ? Infinity : Math.sqrt(Math.max(0, 2 - 2 * f)) + SLACK;
}

/** First position in [from, to) whose key is >= value (keys sorted there). */
function lowerBound(keys: Float64Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
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
 * they separate the rows best, so the disc holds fewest.
 */
function principalDirections(rows: Float64Array, stride: number, n: number): [Float64Array, Float64Array] {
  const mean = new Float64Array(stride);
  for (let i = 0; i < n; i++) for (let j = 0; j < stride; j++) mean[j] += rows[i * stride + j] / n;
  const cov = new Float64Array(stride * stride);
  const d = new Float64Array(stride);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < stride; a++) d[a] = rows[i * stride + a] - mean[a];
    for (let a = 0; a < stride; a++) for (let b = a; b < stride; b++) cov[a * stride + b] += d[a] * d[b];
  }
  for (let a = 0; a < stride; a++) for (let b = 0; b < a; b++) cov[a * stride + b] = cov[b * stride + a];
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
