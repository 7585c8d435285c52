/**
 * The k best rows seen so far, ordered by similarity (highest first) and, on equal similarity,
 * by row index (lowest first): the order a scan of the rows oldest-first produces, so any scan
 * order that offers the same rows with the same similarities ends with the same k rows.
 */
export class SimilarityTopK {
  readonly sims: Float64Array;
  readonly rows: Int32Array;
  size = 0;
  /**
   * The similarity a row must at least have to enter: −∞ until k rows are held. A row exactly
   * at the floor enters only if its index is lower than the last held row's. (A field kept up
   * to date rather than a getter: searches read it at every row, and a number returned from a
   * call that is not inlined is a heap allocation.)
   */
  floor = -Infinity;

  constructor(readonly k: number) {
    this.sims = new Float64Array(k);
    this.rows = new Int32Array(k);
  }

  /** Empties the list for the next search. */
  clear(): this {
    this.size = 0;
    this.floor = -Infinity;
    return this;
  }

  /**
   * Keeps the row if it ranks among the k best. A row already held is left as it is: a search
   * may offer rows it was seeded with again.
   */
  offer(sim: number, row: number): void {
    const { sims, rows, k } = this;
    if (this.size === k) {
      const last = sims[k - 1];
      if (!(sim > last || (sim === last && row < rows[k - 1]))) return;
    }
    for (let j = 0; j < this.size; j++) if (rows[j] === row) return;
    let pos: number;
    if (this.size < k) pos = this.size++;
    else pos = k - 1;
    while (pos > 0 && (sim > sims[pos - 1] || (sim === sims[pos - 1] && row < rows[pos - 1]))) {
      sims[pos] = sims[pos - 1];
      rows[pos] = rows[pos - 1];
      pos--;
    }
    sims[pos] = sim;
    rows[pos] = row;
    if (this.size === k) this.floor = sims[k - 1];
  }
}
