/**
 * Okapi BM25 over a fixed set of tokenised documents, built once:
 * score(q, d) = Σ_{t ∈ q} idf(t) · tf(t,d)·(k1 + 1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl)),
 * idf(t) = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5)) (the non-negative variant, as in Lucene).
 * A query term repeated counts once per occurrence.
 */
export class Bm25Index {
  readonly size: number;
  readonly avgLength: number;
  private readonly termFreqs: Array<Map<string, number>>;
  private readonly lengths: Float64Array;
  private readonly docFreq = new Map<string, number>();

  constructor(
    documents: readonly (readonly string[])[],
    readonly k1 = 1.2,
    readonly b = 0.75,
  ) {
    this.size = documents.length;
    this.lengths = new Float64Array(documents.length);
    this.termFreqs = documents.map((words, i) => {
      this.lengths[i] = words.length;
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) this.docFreq.set(w, (this.docFreq.get(w) ?? 0) + 1);
      return tf;
    });
    let total = 0;
    for (const len of this.lengths) total += len;
    this.avgLength = this.size === 0 ? 0 : total / this.size;
  }

  /** Inverse document frequency of a term (positive even for terms in every document). */
  idf(term: string): number {
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** BM25 score of every document for a query, in document order. */
  scores(query: readonly string[]): Float64Array {
    const out = new Float64Array(this.size);
    if (this.avgLength === 0) return out;
    const { k1, b } = this;
    for (const term of query) {
      const idf = this.idf(term);
      for (let d = 0; d < this.size; d++) {
        const tf = this.termFreqs[d].get(term);
        if (tf === undefined) continue;
        out[d] += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.lengths[d]) / this.avgLength));
      }
    }
    return out;
  }
}
