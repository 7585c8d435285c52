import { COMMA_TOKEN, STOP_TOKEN } from './text.tokenizer';

/**
 * The word shingles of a token stream (runs of `size` consecutive words, punctuation dropped),
 * hashed to 32-bit integers, sorted and unique. Each word is hashed once (FNV-1a) and a shingle
 * mixes its words' hashes, so the cost is linear in the text. A text shorter than `size` words
 * is one shingle; an empty text has none. (Hash collisions can only raise a similarity.)
 */
export function shingles(tokens: readonly string[], size: number): Int32Array {
  if (scratch.length < 2 * tokens.length) scratch = new Int32Array(tokens.length * 4);
  const words = scratch;
  let n = 0;
  for (const t of tokens) {
    if (t === STOP_TOKEN || t === COMMA_TOKEN) continue;
    let h = 0x811c9dc5;
    for (let c = 0; c < t.length; c++) h = Math.imul(h ^ t.charCodeAt(c), 0x01000193);
    words[n++] = h;
  }
  if (n === 0) return new Int32Array(0);
  const count = Math.max(1, n - size + 1);
  // The shingles are worked out in the scratch's second half, then kept in the pool.
  const hashes = scratch.subarray(n, n + count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    const end = Math.min(n, i + size);
    for (let k = i; k < end; k++) {
      h = Math.imul(h ^ words[k], 0x9e3779b1);
      h ^= h >>> 15;
    }
    // Insertion sort while short (headlines, posts); a long article is sorted once below.
    let j = i - 1;
    if (count <= 64) while (j >= 0 && hashes[j] > h) hashes[j + 1] = hashes[j--];
    hashes[j + 1] = h;
  }
  if (count > 64) hashes.sort();
  let unique = 0;
  for (let i = 0; i < count; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i];
  return pooled(hashes, unique);
}

/** Word hashes and shingles of the text being shingled, reused between calls (grown on demand). */
let scratch = new Int32Array(256);

/**
 * Shingle sets are kept for the life of the process (one per news item analysed), so they are
 * views into shared blocks: a typed array with a buffer of its own costs the garbage collector
 * two objects and an external allocation per item.
 */
const POOL_BLOCK = 1 << 16;
let pool = new Int32Array(POOL_BLOCK);
let poolUsed = 0;

/** A view of the first `n` values of `values` copied into the pool. */
function pooled(values: Int32Array, n: number): Int32Array {
  if (n > POOL_BLOCK >> 4) return values.slice(0, n);
  if (poolUsed + n > POOL_BLOCK) {
    pool = new Int32Array(POOL_BLOCK);
    poolUsed = 0;
  }
  const view = pool.subarray(poolUsed, poolUsed + n);
  view.set(values.subarray(0, n));
  poolUsed += n;
  return view;
}

/** Jaccard similarity |A∩B| / |A∪B| of two sorted unique shingle sets (1 when both are empty). */
export function jaccard(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/**
 * Near-duplicate groups in an ordered list: each item is compared with the representatives
 * kept so far (the earliest of each group) and joins the first one at or above `threshold`.
 * Returns the indexes of the representatives, in order, and how many items were duplicates.
 * Small lists are compared pair by pair, longer ones through an inverted index of shingles;
 * both give the same answer.
 */
export function dedupByShingles(sets: readonly Int32Array[], threshold: number): DedupResult {
  return sets.length <= 24 ? dedupPairwise(sets, threshold) : dedupIndexed(sets, threshold);
}

/** Representatives (indexes, in order) and the number of duplicates. */
export interface DedupResult {
  kept: number[];
  duplicates: number;
}

/** {@link dedupByShingles} by comparing each item with every representative. */
export function dedupPairwise(sets: readonly Int32Array[], threshold: number): DedupResult {
  const kept: number[] = [];
  let duplicates = 0;
  for (let i = 0; i < sets.length; i++) {
    const s = sets[i];
    let duplicate = false;
    for (const k of kept) {
      const r = sets[k];
      // Jaccard cannot exceed min/max of the set sizes: skip pairs that cannot reach the threshold.
      const lo = Math.min(s.length, r.length);
      const hi = Math.max(s.length, r.length);
      if (hi > 0 && lo / hi < threshold) continue;
      if (jaccard(s, r) >= threshold) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) duplicates++;
    else kept.push(i);
  }
  return { kept, duplicates };
}

/**
 * {@link dedupByShingles} through an inverted index (shingle → representatives): only
 * representatives sharing a shingle with the item are counted, so the cost follows the
 * overlap rather than the square of the list.
 */
export function dedupIndexed(sets: readonly Int32Array[], threshold: number): DedupResult {
  const postings = new Map<number, number[]>();
  const kept: number[] = [];
  const common = new Int32Array(sets.length);
  const touched: number[] = [];
  let hasEmptyRep = false;
  let duplicates = 0;
  for (let i = 0; i < sets.length; i++) {
    const s = sets[i];
    let duplicate = s.length === 0 && hasEmptyRep;
    if (s.length > 0) {
      for (let k = 0; k < s.length; k++) {
        const reps = postings.get(s[k]);
        if (reps) for (const r of reps) if (common[r]++ === 0) touched.push(r);
      }
      for (const r of touched) {
        const c = common[r];
        if (c / (s.length + sets[kept[r]].length - c) >= threshold) duplicate = true;
        common[r] = 0;
      }
      touched.length = 0;
    }
    if (duplicate) {
      duplicates++;
      continue;
    }
    const position = kept.length;
    kept.push(i);
    if (s.length === 0) hasEmptyRep = true;
    for (let k = 0; k < s.length; k++) {
      const reps = postings.get(s[k]);
      if (reps) reps.push(position);
      else postings.set(s[k], [position]);
    }
  }
  return { kept, duplicates };
}
