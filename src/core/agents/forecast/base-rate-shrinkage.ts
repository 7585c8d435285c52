/**
 * Walk-forward calibration of the forecaster by shrinkage to the base rates. Candidates
 * p_w = (1 − w)·base + w·model for w on a grid from 0 (the class frequencies known then) to 1
 * (the model alone); each candidate's forecast is scored with the Brier score once its outcome
 * is known, with exponentially decaying weights. The forecast uses the candidate with the
 * largest mean improvement over the base rates among those whose improvement is significant
 * (mean over its standard error ≥ z, from `minSamples` effective examples on); when none is,
 * it gives the base rates themselves. Nothing fitted on an outcome after the decision is used:
 * a forecast is scored only when the next one is made.
 */
export class BaseRateShrinkage {
  /** Candidate model weights, the first 0. */
  readonly grid: Float64Array;
  /** Decaying sums of the improvement d = Brier(base) − Brier(candidate) and of d². */
  private readonly sumD: Float64Array;
  private readonly sumD2: Float64Array;
  private weight = 0;
  private weight2 = 0;
  private readonly keep: number;
  /** The forecast waiting for its outcome: the model's and the base rates' probabilities. */
  private readonly lastModel = new Float64Array(3);
  private readonly lastBase = new Float64Array(3);
  private pending = false;
  /** Index into the grid of the candidate in use. */
  private chosen = 0;

  constructor(
    steps: number,
    /** Examples after which an outcome counts half. */
    halfLife: number,
    private readonly z: number,
    private readonly minSamples: number,
  ) {
    this.grid = Float64Array.from({ length: steps + 1 }, (_, k) => k / steps);
    this.sumD = new Float64Array(steps + 1);
    this.sumD2 = new Float64Array(steps + 1);
    this.keep = Math.pow(0.5, 1 / halfLife);
  }

  /** Makes this calibrator what `other` (of the same shape) has learned. */
  assign(other: BaseRateShrinkage): void {
    this.sumD.set(other.sumD);
    this.sumD2.set(other.sumD2);
    this.weight = other.weight;
    this.weight2 = other.weight2;
    this.lastModel.set(other.lastModel);
    this.lastBase.set(other.lastBase);
    this.pending = other.pending;
    this.chosen = other.chosen;
  }

  /** The model's weight in the forecasts now. */
  get modelWeight(): number {
    return this.grid[this.chosen];
  }

  /** Scores the pending forecast against its realised class (0 up, 1 down, 2 sideways), then picks the candidate to use next. */
  score(label: number): void {
    if (!this.pending) return;
    this.pending = false;
    const m = this.lastModel;
    const b = this.lastBase;
    const keep = this.keep;
    const baseBrier = brier(b[0], b[1], b[2], label);
    this.weight = this.weight * keep + 1;
    this.weight2 = this.weight2 * keep * keep + 1;
    for (let k = 1; k < this.grid.length; k++) {
      const w = this.grid[k];
      const d = baseBrier - brier(b[0] + w * (m[0] - b[0]), b[1] + w * (m[1] - b[1]), b[2] + w * (m[2] - b[2]), label);
      this.sumD[k] = this.sumD[k] * keep + d;
      this.sumD2[k] = this.sumD2[k] * keep + d * d;
    }
    this.choose();
  }

  /**
   * The calibrated forecast: the candidate in use applied to the model's and the base rates'
   * probabilities, written to `out`; both are kept to score this forecast when its outcome is known.
   */
  blend(model: Float64Array, base: Float64Array, out: Float64Array): Float64Array {
    this.lastModel.set(model);
    this.lastBase.set(base);
    this.pending = true;
    const w = this.grid[this.chosen];
    for (let c = 0; c < 3; c++) out[c] = base[c] + w * (model[c] - base[c]);
    return out;
  }

  private choose(): void {
    this.chosen = 0;
    const n = (this.weight * this.weight) / this.weight2;
    if (n < this.minSamples) return;
    let best = 0;
    for (let k = 1; k < this.grid.length; k++) {
      const mean = this.sumD[k] / this.weight;
      const variance = Math.max(0, this.sumD2[k] / this.weight - mean * mean);
      if (mean > best && mean > this.z * Math.sqrt(variance / n)) {
        best = mean;
        this.chosen = k;
      }
    }
  }
}

/** The multi-class Brier score of (pUp, pDown, pSideways) for the realised class. */
export function brier(pUp: number, pDown: number, pSideways: number, label: number): number {
  const u = pUp - (label === 0 ? 1 : 0);
  const d = pDown - (label === 1 ? 1 : 0);
  const s = pSideways - (label === 2 ? 1 : 0);
  return u * u + d * d + s * s;
}
