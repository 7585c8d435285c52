/**
 * Multinomial logistic regression trained online by stochastic gradient descent with L2
 * shrinkage: deterministic, cheap, and fitted only on examples it was given (the caller gives
 * an example only once its label is known). Classes: 0 up, 1 down, 2 sideways.
 *
 * The step shrinks with the examples seen (`learningRate / √(1 + seen / decay)`), so late
 * examples refine the weights rather than swing them, and every input is clipped to
 * [−clip, clip], so one extreme day cannot take a step of its own size.
 */
export class SoftmaxModel {
  private readonly weights: Float64Array;
  private readonly bias = new Float64Array(3);
  private readonly scores = new Float64Array(3);
  /** Class counts seen, for the prior before enough training. */
  readonly counts = new Float64Array(3);
  seen = 0;

  constructor(
    private readonly features: number,
    private readonly learningRate: number,
    private readonly l2: number,
    /** Examples over which the step falls to 1/√2 of its first size (Infinity: a constant step). */
    private readonly decay = Infinity,
    private readonly clip = Infinity,
  ) {
    this.weights = new Float64Array(3 * features);
  }

  /** Makes this model what `other` (of the same shape) has learned. */
  assign(other: SoftmaxModel): void {
    this.weights.set(other.weights);
    this.bias.set(other.bias);
    this.counts.set(other.counts);
    this.seen = other.seen;
  }

  /** Class probabilities for x, written to `out` (length 3). */
  predict(x: Float64Array, out: Float64Array): Float64Array {
    const f = this.features;
    const clip = this.clip;
    let max = -Infinity;
    for (let c = 0; c < 3; c++) {
      let s = this.bias[c];
      for (let j = 0; j < f; j++) s += this.weights[c * f + j] * clipped(x[j], clip);
      this.scores[c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < 3; c++) sum += out[c] = Math.exp(this.scores[c] - max);
    for (let c = 0; c < 3; c++) out[c] /= sum;
    return out;
  }

  /** Class frequencies with add-one smoothing. */
  prior(out: Float64Array): Float64Array {
    const total = this.seen + 3;
    for (let c = 0; c < 3; c++) out[c] = (this.counts[c] + 1) / total;
    return out;
  }

  /** The step of the next example. */
  get step(): number {
    return this.learningRate / Math.sqrt(1 + this.seen / this.decay);
  }

  /** One SGD step on (x, label). */
  train(x: Float64Array, label: number, scratch: Float64Array): void {
    const f = this.features;
    const clip = this.clip;
    const lr = this.step;
    const p = this.predict(x, scratch);
    for (let c = 0; c < 3; c++) {
      const g = p[c] - (c === label ? 1 : 0);
      this.bias[c] -= lr * g;
      for (let j = 0; j < f; j++) {
        const k = c * f + j;
        this.weights[k] -= lr * (g * clipped(x[j], clip) + this.l2 * this.weights[k]);
      }
    }
    this.counts[label]++;
    this.seen++;
  }
}

function clipped(x: number, clip: number): number {
  return x > clip ? clip : x < -clip ? -clip : x;
}
