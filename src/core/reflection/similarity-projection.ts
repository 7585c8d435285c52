import { rowDot, scanMembers } from './similarity-scan';
import { SimilarityTopK } from './similarity-top-k';

/** Power iterations for the principal directions (converged far beyond what pruning needs). */
const POWER_ITERATIONS = 32;
/** Rows the principal directions are computed from, at most (an even sample of the memory). */
const PCA_SAMPLE = 512;
/** Allowance for rounding, relative to |q| (see {@link ProjectionIndex.search}). */
const SLACK = 1e-6;
/** Room a cell has beyond that for its rows. */
const SPARE_ROOM = 4;
/**
 * Cell side in units of √(σu·σv / n): about 16 rows to a cell where the rows are densest. Finer
 * cells read fewer rows but cost more cells a search; this was the fastest on one market's states.
 */
const CELL_SCALE = 10;
/** The grid spans the mean ± this many standard deviations on each direction. */
const SPAN_SIGMAS = 3;

/**
 * An exact pruning index over the stored state rows (unit vectors, or zero) for small and
 * mid-sized memories: a grid of square cells on the plane of two orthogonal unit directions u
 * and v (the rows' first two principal directions when the index is built). Each cell keeps the
 * ids of its rows (the rows stay in the memory's array). For the query's direction q̂ and any row
 * x with q̂·x ≥ f, the distance of (u·x, v·x) from (u·q̂, v·q̂) is at most |x − q̂| ≤ r = √(2 − 2f),
 * since |x| ≤ 1: a search reads the cells that meet the disc of radius r around the query's
 * point, ring by ring outward from the query's cell, and stops at the first ring wholly beyond
 * r. r narrows as better rows are found. Rows are scored with the brute-force arithmetic and
 * ranked by (similarity, row index), so the result is the brute-force result. The states of one
 * market are concentrated, so the k most similar are very close (cosine ≈ 0.99) and the disc
 * holds a small share of the rows. Adding a row appends it to its cell.
 */
export class ProjectionIndex {
  /**
   * The cells' row ids: cell c holds `sizes[c]` rows from `starts[c]`, with room up to
   * `ends[c]`; slots from `used` on are free.
   */
  private ids: Int32Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly sizes: Int32Array;
  private used: number;
  /** Rows the searches have read so far (what pruning saves is the rest). */
  rowsRead = 0;

  private constructor(
    private readonly stride: number,
    private readonly u: Float64Array,
    private readonly v: Float64Array,
    /** Lower corner of cell (0, 0), the cells' side and the grid's columns (u) and lines (v); the outer cells extend to ±∞. */
    private readonly lowU: number,
    private readonly lowV: number,
    private readonly side: number,
    private readonly columns: number,
    private readonly lines: number,
    /** Room each cell starts with. */
    rooms: Int32Array,
    /** How many rows the directions and cells were computed from. */
    readonly builtSize: number,
  ) {
    this.sizes = new Int32Array(rooms.length);
    this.starts = new Int32Array(rooms.length);
    this.ends = new Int32Array(rooms.length);
    let used = 0;
    for (let c = 0; c < rooms.length; c++) {
      this.starts[c] = used;
      this.ends[c] = used += rooms[c];
    }
    this.used = used;
    // Free slots at the end for cells that fill up (see `makeRoom`).
    this.ids = new Int32Array(used + (used >> 1));
  }

  /** Indexes rows [0, n) in a grid on their two principal directions. */
  static build(rows: Float64Array, stride: number, n: number): ProjectionIndex {
    const [u, v] = principalDirections(rows, stride, n);
    // The rows' projections on u, then on v (one array: each typed array costs an allocation).
    const projections = new Float64Array(2 * n);
    const pu = projections.subarray(0, n);
    const pv = projections.subarray(n);
    for (let i = 0; i < n; i++) {
      pu[i] = rowDot(rows, i * stride, u, stride);
      pv[i] = rowDot(rows, i * stride, v, stride);
    }
    const [meanU, sdU] = meanAndDeviation(pu);
    const [meanV, sdV] = meanAndDeviation(pv);
    // A square grid over the bulk of the rows; outliers fall in the outer cells.
    let side = CELL_SCALE * Math.sqrt((sdU * sdV) / Math.max(1, n)) || 1;
    let columns = cellsAcross(2 * SPAN_SIGMAS * sdU, side);
    let lines = cellsAcross(2 * SPAN_SIGMAS * sdV, side);
    while (columns * lines > 2 * n + 16) {
      side *= 1.25;
      columns = cellsAcross(2 * SPAN_SIGMAS * sdU, side);
      lines = cellsAcross(2 * SPAN_SIGMAS * sdV, side);
    }
    const lowU = meanU - (columns * side) / 2;
    const lowV = meanV - (lines * side) / 2;
    const cellOfRow = new Int32Array(n);
    const counts = new Int32Array(columns * lines);
    for (let i = 0; i < n; i++) counts[(cellOfRow[i] = cellOf(pu[i], pv[i], lowU, lowV, side, columns, lines))]++;
    // Room for each cell's rows twice over: the owner rebuilds once the memory has doubled,
    // so cells seldom run out of room.
    const rooms = counts;
    for (let c = 0; c < counts.length; c++) rooms[c] = 2 * counts[c] + SPARE_ROOM;
    const index = new ProjectionIndex(stride, u, v, lowU, lowV, side, columns, lines, rooms, n);
    for (let i = 0; i < n; i++) index.append(cellOfRow[i], i);
    return index;
  }

  /** Files row i in its cell. */
  add(rows: Float64Array, i: number): void {
    const base = i * this.stride;
    const c = this.cellOf(rowDot(rows, base, this.u, this.stride), rowDot(rows, base, this.v, this.stride));
    if (this.starts[c] + this.sizes[c] === this.ends[c]) this.makeRoom(c);
    this.append(c, i);
  }

  private append(c: number, i: number): void {
    this.ids[this.starts[c] + this.sizes[c]++] = i;
  }

  /**
   * Offers to `top` every row known strictly before `limit` that could rank among its k best;
   * `top` ends holding what a brute-force scan of all rows would hold. Projections and
   * similarities are within ~1e-14·|q| of their exact values; distances are widened by 1e-6,
   * which covers that error even where √(2 − 2f) is steepest.
   */
  search(rows: Float64Array, knownAt: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    const qNorm = Math.sqrt(rowDot(q, 0, q, this.stride));
    if (!(qNorm > 0)) return this.scanAll(rows, knownAt, q, limit, top);
    const cu = rowDot(q, 0, this.u, this.stride) / qNorm;
    const cv = rowDot(q, 0, this.v, this.stride) / qNorm;
    const home = this.cellOf(cu, cv);
    const hx = home % this.columns;
    const hy = (home - hx) / this.columns;
    const rings = Math.max(hx, this.columns - 1 - hx, hy, this.lines - 1 - hy);
    // The disc's radius, worked out again only when the k-th similarity has changed.
    let floor = top.floor;
    let radius = radiusFor(floor, qNorm);
    for (let d = 0; d <= rings; d++) {
      if (top.floor !== floor) radius = radiusFor((floor = top.floor), qNorm);
      // Every cell of ring d is at least d − 1 sides away from the query along u or v.
      const gap = (d - 1) * this.side - SLACK;
      if (gap > 0 && gap > radius) return;
      for (let y = hy - d; y <= hy + d; y++) {
        if (y < 0 || y >= this.lines) continue;
        const dv = Math.max(0, distanceToRange(cv, y, this.lowV, this.side, this.lines) - SLACK);
        // Inner lines of the ring have two cells, its first and last lines all of theirs.
        const step = y === hy - d || y === hy + d ? 1 : 2 * d;
        for (let x = hx - d; x <= hx + d; x += step) {
          if (x < 0 || x >= this.columns) continue;
          const du = Math.max(0, distanceToRange(cu, x, this.lowU, this.side, this.columns) - SLACK);
          if (top.floor !== floor) radius = radiusFor((floor = top.floor), qNorm);
          if (du * du + dv * dv <= radius * radius) this.scanCell(y * this.columns + x, rows, knownAt, q, limit, top);
        }
      }
    }
  }

  /** Offers the rows of cell c known strictly before `limit`. */
  private scanCell(c: number, rows: Float64Array, knownAt: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    this.rowsRead += this.sizes[c];
    scanMembers(rows, this.stride, knownAt, this.ids, this.starts[c], this.starts[c] + this.sizes[c], q, limit, top);
  }

  private cellOf(pu: number, pv: number): number {
    return cellOf(pu, pv, this.lowU, this.lowV, this.side, this.columns, this.lines);
  }

  /** A zero query scores every row 0: all rows are candidates, as in the brute-force scan. */
  private scanAll(rows: Float64Array, knownAt: Float64Array, q: Float64Array, limit: number, top: SimilarityTopK): void {
    for (let c = 0; c < this.sizes.length; c++) {
      for (let p = this.starts[c]; p < this.starts[c] + this.sizes[c]; p++) {
        const i = this.ids[p];
        if (knownAt[i] < limit) top.offer(rowDot(rows, i * this.stride, q, this.stride), i);
      }
    }
  }

  /**
   * Cell c is full: moves its rows to the free slots, with room for twice as many (the slots it
   * leaves stay unused until the owner rebuilds), growing the ids when the free slots run out.
   */
  private makeRoom(c: number): void {
    const from = this.starts[c];
    const size = this.sizes[c];
    const room = 2 * size + SPARE_ROOM;
    if (this.used + room > this.ids.length) {
      const ids = new Int32Array(2 * (this.used + room));
      ids.set(this.ids.subarray(0, this.used));
      this.ids = ids;
    }
    this.ids.copyWithin(this.used, from, from + size);
    this.starts[c] = this.used;
    this.ends[c] = this.used += room;
  }
}

function cellsAcross(length: number, side: number): number {
  return Math.max(1, Math.min(1 << 12, Math.ceil(length / side)));
}

/** Index of the cell holding the point (pu, pv); points beyond the grid fall in its outer cells. */
function cellOf(pu: number, pv: number, lowU: number, lowV: number, side: number, columns: number, lines: number): number {
  return clampedCell(pv, lowV, side, lines) * columns + clampedCell(pu, lowU, side, columns);
}

function clampedCell(p: number, low: number, side: number, cells: number): number {
  const k = Math.floor((p - low) / side);
  return k < 0 ? 0 : k >= cells ? cells - 1 : k;
}

/** Distance from p to the range of cell k along one direction (0 inside it; the outer cells reach ±∞). */
function distanceToRange(p: number, k: number, low: number, side: number, cells: number): number {
  const lo = k === 0 ? -Infinity : low + k * side;
  const hi = k === cells - 1 ? Infinity : low + (k + 1) * side;
  return p < lo ? lo - p : p > hi ? p - hi : 0;
}

function meanAndDeviation(values: Float64Array): [number, number] {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = values.length > 0 ? sum / values.length : 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) * (values[i] - mean);
  return [mean, values.length > 0 ? Math.sqrt(squares / values.length) : 0];
}

/** The largest distance |x − q̂| of a row that can score at least `floor` (∞ until k rows are held). */
function radiusFor(floor: number, qNorm: number): number {
  const f = floor / qNorm;
  return f === -Infinity ? Infinity : Math.sqrt(Math.max(0, 2 - 2 * f)) + SLACK;
}

/**
 * The two orthogonal unit directions along which the rows spread most (the top eigenvectors of
 * their covariance, by power iteration from fixed starts, the second after deflating the first):
 * they separate the rows best, so the disc holds fewest. (Any two orthogonal unit directions
 * keep the search exact; these make it prune most.)
 */
function principalDirections(rows: Float64Array, stride: number, n: number): [Float64Array, Float64Array] {
  // An even sample of the rows is enough to find where they spread.
  const step = Math.max(1, Math.ceil(n / PCA_SAMPLE));
  const sampled = Math.ceil(n / step);
  const mean = new Float64Array(stride);
  for (let i = 0; i < n; i += step) for (let j = 0; j < stride; j++) mean[j] += rows[i * stride + j] / sampled;
  const cov = new Float64Array(stride * stride);
  const d = new Float64Array(stride);
  for (let i = 0; i < n; i += step) {
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
  let v = new Float64Array(stride);
  for (let a = 0; a < stride; a++) v[a] = (seed === 0 || a % 2 === 0 ? 1 : -1) / Math.sqrt(stride);
  // Two arrays, used in turn: each step writes m·v into the one v is not in.
  let next = new Float64Array(stride);
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    next.fill(0);
    for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) next[a] += m[a * stride + b] * v[b];
    const norm = Math.sqrt(rowDot(next, 0, next, stride));
    if (!(norm > 0)) break;
    for (let a = 0; a < stride; a++) next[a] /= norm;
    [v, next] = [next, v];
  }
  return v;
}

function rayleigh(m: Float64Array, v: Float64Array, stride: number): number {
  let sum = 0;
  for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) sum += v[a] * m[a * stride + b] * v[b];
  return sum;
}
