import { fnv1a32 } from './fnv1a.hash';

/**
 * Dense vectors without a model: terms (words and bigrams) are hashed with FNV-1a into `dims`
 * buckets and weighted TF-IDF-style, w = (1 + ln tf) · idf(term); the vector is scaled to unit
 * length, so the cosine of two vectors is their dot product, in [0, 1] (weights are non-negative).
 */
export class HashedVectorEmbedder {
  constructor(readonly dims: number) {}

  /** The unit vector of a term list; all zeros when the list is empty. */
  embed(terms: readonly string[], idf: (term: string) => number): Float64Array {
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    const v = new Float64Array(this.dims);
    for (const [term, tf] of counts) v[fnv1a32(term) % this.dims] += (1 + Math.log(tf)) * idf(term);
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < v.length; i++) v[i] *= inv;
    }
    return v;
  }
}

/** Dot product; the cosine for unit vectors. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
