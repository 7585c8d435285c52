import { SimilarityTopK } from './similarity-top-k';

/**
 * Float64 slots per stored row. States of up to 8 features are padded with zeros to 8 slots so
 * the dot product is one unrolled expression; the zero products add exactly nothing, so the
 * similarity is bit-for-bit the plain left-to-right sum over the real features.
 */
export function strideFor(featureCount: number): number {
  return featureCount <= 8 ? 8 : featureCount;
}

/** Dot product of the row starting at `base` with `q` (both `stride` long), summed left to right. */
export function rowDot(rows: Float64Array, base: number, q: Float64Array, stride: number): number {
  if (stride === 8) {
    return (
      rows[base] * q[0] +
      rows[base + 1] * q[1] +
      rows[base + 2] * q[2] +
      rows[base + 3] * q[3] +
      rows[base + 4] * q[4] +
      rows[base + 5] * q[5] +
      rows[base + 6] * q[6] +
      rows[base + 7] * q[7]
    );
  }
  let sim = 0;
  for (let j = 0; j < stride; j++) sim += rows[base + j] * q[j];
  return sim;
}

/**
 * Brute force: offers every row of [0, n) whose label was known strictly before `limit`,
 * oldest row first.
 */
export function scanRows(rows: Float64Array, stride: number, knownAt: Float64Array, n: number, q: Float64Array, limit: number, top: SimilarityTopK): void {
  let floor = top.floor;
  if (stride === 8) {
    const q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
    for (let i = 0, b = 0; i < n; i++, b += 8) {
      if (!(knownAt[i] < limit)) continue;
      const sim = rows[b] * q0 + rows[b + 1] * q1 + rows[b + 2] * q2 + rows[b + 3] * q3 + rows[b + 4] * q4 + rows[b + 5] * q5 + rows[b + 6] * q6 + rows[b + 7] * q7;
      if (sim < floor) continue;
      top.offer(sim, i);
      floor = top.floor;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    if (!(knownAt[i] < limit)) continue;
    const sim = rowDot(rows, i * stride, q, stride);
    if (sim < floor) continue;
    top.offer(sim, i);
    floor = top.floor;
  }
}

/** Offers the rows listed in `members[from, to)` that were known strictly before `limit`. */
export function scanMembers(
  rows: Float64Array,
  stride: number,
  knownAt: Float64Array,
  members: Int32Array,
  from: number,
  to: number,
  q: Float64Array,
  limit: number,
  top: SimilarityTopK,
): void {
  let floor = top.floor;
  if (stride === 8) {
    const q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
    for (let m = from; m < to; m++) {
      const i = members[m];
      if (!(knownAt[i] < limit)) continue;
      const b = i * 8;
      const sim = rows[b] * q0 + rows[b + 1] * q1 + rows[b + 2] * q2 + rows[b + 3] * q3 + rows[b + 4] * q4 + rows[b + 5] * q5 + rows[b + 6] * q6 + rows[b + 7] * q7;
      if (sim < floor) continue;
      top.offer(sim, i);
      floor = top.floor;
    }
    return;
  }
  for (let m = from; m < to; m++) {
    const i = members[m];
    if (!(knownAt[i] < limit)) continue;
    const sim = rowDot(rows, i * stride, q, stride);
    if (sim < floor) continue;
    top.offer(sim, i);
    floor = top.floor;
  }
}
