const BINS = 10;

/**
 * Walk-forward recalibration of the model's class probabilities by decile: for each class, the
 * share of past forecasts in the same decile whose class came (decaying counts, smoothed towards
 * the model's own probability by `prior` pseudo-forecasts), normalised over the three classes. A
 * model that says 70% when its 70% calls come true half the time is read as saying 50%. A
 * forecast is counted only when the next one is made, once its outcome is known.
 */
export class DecileRecalibration {
  /** Per class and decile: decaying count of forecasts and of those whose class came. */
  private readonly counts = new Float64Array(3 * BINS);
  private readonly hits = new Float64Array(3 * BINS);
  private readonly last = new Float64Array(3);
  private pending = false;
  private readonly keep: number;

  constructor(
    halfLife: number,
    private readonly prior: number,
  ) {
    this.keep = Math.pow(0.5, 1 / halfLife);
  }

  /** Makes this recalibration what `other` (of the same shape) has learned. */
  assign(other: DecileRecalibration): void {
    this.counts.set(other.counts);
    this.hits.set(other.hits);
    this.last.set(other.last);
    this.pending = other.pending;
  }

  /** Counts the pending forecast with its realised class (0 up, 1 down, 2 sideways). */
  score(label: number): void {
    if (!this.pending) return;
    this.pending = false;
    const keep = this.keep;
    for (let k = 0; k < this.counts.length; k++) {
      this.counts[k] *= keep;
      this.hits[k] *= keep;
    }
    for (let c = 0; c < 3; c++) {
      const k = c * BINS + decile(this.last[c]);
      this.counts[k]++;
      if (c === label) this.hits[k]++;
    }
  }

  /** The recalibrated probabilities of the model's `p`, written to `out`; `p` is kept to be counted when its outcome is known. */
  apply(p: Float64Array, out: Float64Array): Float64Array {
    this.last.set(p);
    this.pending = true;
    let sum = 0;
    for (let c = 0; c < 3; c++) {
      const k = c * BINS + decile(p[c]);
      sum += out[c] = (this.hits[k] + this.prior * p[c]) / (this.counts[k] + this.prior);
    }
    if (!(sum > 0)) return out.set(p), out;
    for (let c = 0; c < 3; c++) out[c] /= sum;
    return out;
  }
}

function decile(p: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(p * BINS)));
}
