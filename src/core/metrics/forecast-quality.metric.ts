import { brier } from '../agents/forecast/base-rate-shrinkage';
import { Forecast, FORECAST_LABELS } from '../agents/forecast/forecast.types';

/** One probability decile of the reliability table: forecasts in [from, to) and how often the class came. */
export interface ReliabilityBin {
  from: number;
  to: number;
  /** Class probabilities that fell in the bin (three per forecast, one per class). */
  n: number;
  /** Their mean, and the share of them whose class was the realised one (null when empty). */
  predicted: number | null;
  observed: number | null;
}

/**
 * How good the forecasts a run used were, each scored once its outcome was known: the Brier
 * score against the class frequencies known at each decision (the forecast without skill), the
 * skill score 1 − Brier / base Brier (> 0: better than the base rates), the hit rate of the
 * label and of always calling the most frequent class, the mean top probability, and the
 * reliability table (predicted vs observed by decile, the three classes pooled).
 */
export interface ForecastQuality {
  forecasts: number;
  brier: number | null;
  baseBrier: number | null;
  skill: number | null;
  hitRate: number | null;
  baseHitRate: number | null;
  meanTopProbability: number | null;
  reliability: ReliabilityBin[];
}

const BINS = 10;

/**
 * Scores a run's forecasts walk-forward: the forecast made at bar t is scored at bar t + 1's
 * close with the realised class (the move beyond ±ε of the forecast, as it was trained on).
 * Besides the run's totals it keeps a decaying Brier skill score, the skill the decision agent
 * weighs the forecast by: only forecasts whose outcome is known count, and until `minSamples`
 * effective forecasts are scored the skill is 0.
 */
export class ForecastScorecard {
  private readonly keep: number;
  private readonly bins = new Float64Array(3 * BINS);
  private n = 0;
  private sumBrier = 0;
  private sumBase = 0;
  private hits = 0;
  private baseHits = 0;
  private sumTop = 0;
  private decayedBrier = 0;
  private decayedBase = 0;
  private weight = 0;
  private weight2 = 0;
  // The forecast waiting for its outcome.
  private pendingT = -1;
  private readonly p = new Float64Array(3);
  private readonly base = new Float64Array(3);
  private label = 0;
  private epsilon = 0;

  constructor(
    /** Forecasts after which a score counts half in the skill. */
    halfLife: number,
    private readonly minSamples: number,
  ) {
    this.keep = Math.pow(0.5, 1 / halfLife);
  }

  /** The forecast made at bar t (to be scored at t + 1). */
  record(t: number, f: Forecast): void {
    if (!(Number.isFinite(f.pUp) && Number.isFinite(f.pDown) && Number.isFinite(f.pSideways) && Number.isFinite(f.baseUp))) return;
    this.pendingT = t;
    this.p[0] = f.pUp;
    this.p[1] = f.pDown;
    this.p[2] = f.pSideways;
    this.base[0] = f.baseUp;
    this.base[1] = f.baseDown;
    this.base[2] = f.baseSideways;
    this.label = FORECAST_LABELS.indexOf(f.label);
    this.epsilon = f.epsilon;
  }

  /** At bar t's close: scores the forecast of bar t − 1, if one is waiting. */
  settle(t: number, close: Float64Array): void {
    if (this.pendingT !== t - 1 || t < 1) return;
    this.pendingT = -1;
    const pct = close[t] / close[t - 1] - 1;
    const realised = pct > this.epsilon ? 0 : pct < -this.epsilon ? 1 : 2;
    const { p, base } = this;
    const score = brier(p[0], p[1], p[2], realised);
    const baseScore = brier(base[0], base[1], base[2], realised);
    this.n++;
    this.sumBrier += score;
    this.sumBase += baseScore;
    if (this.label === realised) this.hits++;
    if (argmax(base) === realised) this.baseHits++;
    this.sumTop += p[argmax(p)];
    for (let c = 0; c < 3; c++) {
      const bin = 3 * Math.min(BINS - 1, Math.floor(p[c] * BINS));
      this.bins[bin]++;
      this.bins[bin + 1] += p[c];
      if (c === realised) this.bins[bin + 2]++;
    }
    const keep = this.keep;
    this.decayedBrier = this.decayedBrier * keep + score;
    this.decayedBase = this.decayedBase * keep + baseScore;
    this.weight = this.weight * keep + 1;
    this.weight2 = this.weight2 * keep * keep + 1;
  }

  /** The Brier skill score of the recent forecasts (decaying), 0 before `minSamples` effective forecasts. */
  get skill(): number {
    if ((this.weight * this.weight) / this.weight2 < this.minSamples || !(this.decayedBase > 0)) return 0;
    return 1 - this.decayedBrier / this.decayedBase;
  }

  quality(): ForecastQuality {
    const n = this.n;
    const reliability: ReliabilityBin[] = [];
    for (let b = 0; b < BINS; b++) {
      const count = this.bins[3 * b];
      reliability.push({ from: b / BINS, to: (b + 1) / BINS, n: count, predicted: count > 0 ? this.bins[3 * b + 1] / count : null, observed: count > 0 ? this.bins[3 * b + 2] / count : null });
    }
    if (n === 0) return { forecasts: 0, brier: null, baseBrier: null, skill: null, hitRate: null, baseHitRate: null, meanTopProbability: null, reliability };
    return {
      forecasts: n,
      brier: this.sumBrier / n,
      baseBrier: this.sumBase / n,
      skill: this.sumBase > 0 ? 1 - this.sumBrier / this.sumBase : null,
      hitRate: this.hits / n,
      baseHitRate: this.baseHits / n,
      meanTopProbability: this.sumTop / n,
      reliability,
    };
  }
}

function argmax(p: Float64Array): number {
  return p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
}
