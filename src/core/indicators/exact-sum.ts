/**
 * An exact running sum of doubles (Shewchuk's non-overlapping partials, as in Python's
 * `math.fsum`). Adding and removing values never loses precision, so a rolling window sum
 * stays exact however long the series is, and `value()` is the correctly rounded sum of the
 * values currently held: bit-for-bit what backtrader's `fsum(window)` gives.
 *
 * Invariant: the partials are non-overlapping and their exact real sum equals the exact sum
 * of every value added minus every value removed. Inputs must be finite.
 */
export class ExactSum {
  private partials = new Float64Array(8);
  private count = 0;

  /** Forgets every value added so far. */
  reset(): void {
    this.count = 0;
  }

  /** Adds `x` (finite) exactly. Remove a value by adding its negation. */
  add(x: number): void {
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < this.count; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    this.count = i;
    if (x !== 0) this.push(x);
  }

  /** The correctly rounded (half-even) value of the exact sum. */
  value(): number {
    const p = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // The rest of the partials can only break a tie in the rounding of hi + lo.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }

  private push(x: number): void {
    if (this.count === this.partials.length) {
      const grown = new Float64Array(this.partials.length * 2);
      grown.set(this.partials);
      this.partials = grown;
    }
    this.partials[this.count++] = x;
  }
}
