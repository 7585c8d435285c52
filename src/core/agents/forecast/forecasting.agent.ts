import { BarSeries } from '../../market/bar-series';
import { isoDay } from '../../market/dates';
import { seriesMemo } from '../../market/series-memo';
import { labelEpsilon } from '../../reflection/outcome-labels';
import { Agent, AgentOutput, explained, NO_FLAGS, output, Provenance, WARMUP_FLAGS } from '../agent';
import { FEATURE_COUNT, ForecastFeatureTable } from './forecast-features';
import { ForecastParams } from './forecast.params';
import { Forecast, ForecastFeatures, ForecastLabel, FORECAST_LABELS } from './forecast.types';
import { BaseRateShrinkage } from './base-rate-shrinkage';
import { DecileRecalibration } from './decile-recalibration';
import { SoftmaxModel } from './softmax-model';

/** Input of the forecasting agent: the bar to forecast from and its session close instant. */
export interface ForecastInput {
  t: number;
  /** Decision instant (session close), epoch ms UTC. */
  time: number;
  /** Additive logit adjustments per class [up, down, sideways] from reflection (default none). */
  bias?: readonly [number, number, number];
}


/**
 * Forecasts the next day's direction walk-forward: at bar t it first learns from the example
 * of bar t−1, whose outcome (close t vs close t−1) is known at t's close, then predicts. The
 * model's probabilities are calibrated by shrinkage to the class frequencies known then
 * ({@link BaseRateShrinkage}): without a measured skill the forecast is the base rates. The
 * paper's rule gate turns an overbought move without a valid breakout into `sideways`.
 */
export class ForecastingAgent implements Agent<ForecastInput, Forecast> {
  readonly name = 'forecast' as const;
  readonly features: ForecastFeatureTable;
  private readonly model: SoftmaxModel;
  private readonly recalibration: DecileRecalibration;
  private readonly calibration: BaseRateShrinkage;
  private readonly x = new Float64Array(FEATURE_COUNT);
  private readonly prevX = new Float64Array(FEATURE_COUNT);
  private readonly p = new Float64Array(3);
  private readonly modelP = new Float64Array(3);
  private readonly base = new Float64Array(3);
  private readonly scratch = new Float64Array(3);
  private lastT = -1;
  /** The bars each forecast reads, one frozen list per bar of the series (shared by runs on it). */
  private readonly inputsOfBar: BarInputs;

  constructor(
    private readonly bars: BarSeries,
    private readonly params: ForecastParams,
  ) {
    this.features = new ForecastFeatureTable(bars);
    this.model = new SoftmaxModel(FEATURE_COUNT, params.learningRate, params.l2, params.learningRateDecay, params.featureClip);
    const c = params.calibration;
    this.recalibration = new DecileRecalibration(c.halfLife, c.prior);
    this.calibration = new BaseRateShrinkage(c.steps, c.halfLife, c.z, c.minSamples);
    this.inputsOfBar = barInputsOf(bars);
  }

  /** ε at bar t (a fraction). */
  epsilon(t: number): number {
    return labelEpsilon(this.features.meanAbsReturn20[t], this.params.epsilonAlpha, this.params.epsilonMin);
  }

  /** The realised class of a forecast made at bar t, known at bar t+1's close. */
  outcome(t: number): number {
    const pct = this.bars.close[t + 1] / this.bars.close[t] - 1;
    const eps = this.epsilon(t);
    return pct > eps ? 0 : pct < -eps ? 1 : 2;
  }

  /**
   * Learns from the history before bar `until` (the warm-up bars before the window) as if the
   * agent had run on each of them: the example of bar k is learned at bar k+1 < until. What a
   * fresh agent learns this way depends on the series and the parameters only, so it is learned
   * once per series ({@link seriesMemo}) and copied into every fresh agent warmed up to `until`.
   */
  warmUp(until: number): void {
    if (this.lastT !== -1 || this.model.seen !== 0) return this.learnUntil(until);
    const warmed = seriesMemo(this.bars).get(`forecast warm-up to ${until} ${JSON.stringify(this.params)}`, () => {
      const agent = new ForecastingAgent(this.bars, this.params);
      agent.learnUntil(until);
      return agent;
    });
    this.model.assign(warmed.model);
    this.recalibration.assign(warmed.recalibration);
    this.calibration.assign(warmed.calibration);
    this.prevX.set(warmed.prevX);
    this.lastT = warmed.lastT;
  }

  private learnUntil(until: number): void {
    for (let k = 0; k < until; k++) if (this.features.ready(k)) this.step(k, undefined);
  }

  run(input: ForecastInput): AgentOutput<Forecast> {
    const { t } = input;
    const table = this.features;
    const provenance = this.inputsOfBar.provenance(t, input.time);
    if (!table.ready(t)) {
      return output('forecast', this.neutral(t), 'not enough history for the features yet', provenance, WARMUP_FLAGS);
    }
    this.step(t, input.bias);
    const f = table.at(t);
    const { label, gate } = gatedLabel(this.p[0], this.p[1], this.p[2], f, this.params);
    const data: Forecast = {
      pUp: this.p[0],
      pDown: this.p[1],
      pSideways: this.p[2],
      label,
      gate,
      epsilon: this.epsilon(t),
      trainedOn: this.model.seen,
      baseUp: this.base[0],
      baseDown: this.base[1],
      baseSideways: this.base[2],
      modelWeight: this.calibration.modelWeight,
      features: f,
    };
    return explained('forecast', data, explainForecast, provenance, this.model.seen < this.params.minTrainingSamples ? WARMUP_FLAGS : NO_FLAGS);
  }

  /**
   * One bar, walk-forward: yesterday's example is scored and learned only now (its label needs
   * today's close), then today's probabilities are made: the model's (with reflection's logit
   * adjustments) recalibrated by decile, the base rates, and their blend in `p`. Until the model has seen
   * `minTrainingSamples` examples the forecast is the base rates.
   */
  private step(t: number, bias: ForecastInput['bias']): void {
    const table = this.features;
    if (this.lastT === t - 1 && table.ready(t - 1)) {
      const label = this.outcome(t - 1);
      this.recalibration.score(label);
      this.calibration.score(label);
      this.model.train(this.prevX, label, this.scratch);
    }
    table.vector(table.at(t), this.x);
    this.prevX.set(this.x);
    this.lastT = t;
    this.model.prior(this.base);
    this.model.predict(this.x, this.modelP);
    if (bias) applyBias(this.modelP, bias);
    this.recalibration.apply(this.modelP, this.scratch);
    this.calibration.blend(this.scratch, this.base, this.p);
    if (this.model.seen < this.params.minTrainingSamples) this.p.set(this.base);
  }

  private neutral(t: number): Forecast {
    const f = this.features;
    return {
      pUp: 1 / 3,
      pDown: 1 / 3,
      pSideways: 1 / 3,
      label: 'sideways',
      gate: 'none',
      epsilon: this.epsilon(t),
      trainedOn: this.model.seen,
      baseUp: 1 / 3,
      baseDown: 1 / 3,
      baseSideways: 1 / 3,
      modelWeight: 0,
      features: {
        rsi14: NaN, smaDeviation: NaN, distanceToHigh: NaN, distanceToLow: NaN, simplifiedAtr20: NaN,
        breakoutThreshold: NaN, newHigh: false, return1: NaN, return5: NaN,
      },
    };
  }
}

/**
 * What the forecasts of one series cite, kept for the process: each bar's day and each bar's
 * provenance list (frozen). A run keeps its provenance with every trace entry and memory case;
 * runs on the same loaded series (a comparison, an ablation, repeated API runs, each on its own
 * view of the series' arrays) share these rather than each writing and keeping thousands of its
 * own. Entries are found by the bar's place in the series' memory and reused only when they
 * were written from the same instants (a series changed in place, or sessions that close at
 * other times, are written afresh).
 */
interface BarInputs {
  /** Bar t's provenance list for a forecast published at `time`. */
  provenance(t: number, time: number): Provenance[];
}

const BAR_INPUTS = new WeakMap<ArrayBufferLike, { days: string[]; written: Float64Array; provenance: Array<Provenance[] | undefined> }>();

function barInputsOf(bars: BarSeries): BarInputs {
  const time = bars.time;
  const first = time.byteOffset / Float64Array.BYTES_PER_ELEMENT;
  let known = BAR_INPUTS.get(time.buffer);
  if (!known) {
    const size = time.buffer.byteLength / Float64Array.BYTES_PER_ELEMENT;
    known = { days: [], written: new Float64Array(size).fill(NaN), provenance: [] };
    BAR_INPUTS.set(time.buffer, known);
  }
  const { days, written, provenance } = known;
  const day = (t: number): string => {
    const k = first + t;
    if (written[k] !== time[t]) {
      days[k] = isoDay(time[t]);
      written[k] = time[t];
      provenance[k] = undefined;
    }
    return days[k];
  };
  return {
    provenance(t, publishedAt) {
      const k = first + t;
      const from = Math.max(0, t - 20);
      const list = provenance[k];
      if (list !== undefined && written[k] === time[t] && written[first + from] === time[from] && list[0].publishedAt === publishedAt) return list;
      const ref = `${day(from)}..${day(t)}`;
      return (provenance[k] = Object.freeze([Object.freeze({ kind: 'bar' as const, ref, publishedAt })]) as Provenance[]);
    },
  };
}

/** Multiplies class probabilities by e^bias and normalises them again (reflection's logit adjustments). */
function applyBias(p: Float64Array, bias: readonly [number, number, number]): void {
  let sum = 0;
  for (let c = 0; c < 3; c++) sum += p[c] = p[c] * Math.exp(bias[c]);
  for (let c = 0; c < 3; c++) p[c] /= sum;
}

/** A label and the gate that set it (one frozen object per outcome: no allocation per bar). */
export interface GatedLabel {
  readonly label: ForecastLabel;
  readonly gate: Forecast['gate'];
}

const LABELS: readonly GatedLabel[] = FORECAST_LABELS.map((label) => Object.freeze({ label, gate: 'none' as const }));
const OVERBOUGHT: GatedLabel = Object.freeze({ label: 'sideways', gate: 'overbought-without-breakout' });
const BELOW_UP: GatedLabel = Object.freeze({ label: 'sideways', gate: 'below-up-threshold' });

/**
 * The label of class probabilities after the paper's rule gate: the most probable class, but
 * `sideways` for an `up` when RSI is overbought without a valid breakout (no new 20-day high and
 * the close further below it than the breakout threshold) or when P(up) is under the threshold.
 */
export function gatedLabel(pUp: number, pDown: number, pSideways: number, f: ForecastFeatures, params: Pick<ForecastParams, 'rsiOverbought' | 'upThreshold'>): GatedLabel {
  const best = pUp >= pDown && pUp >= pSideways ? 0 : pDown >= pSideways ? 1 : 2;
  if (best !== 0) return LABELS[best];
  const overbought = f.rsi14 > params.rsiOverbought && !f.newHigh && -f.distanceToHigh > f.breakoutThreshold;
  if (overbought) return OVERBOUGHT;
  if (pUp < params.upThreshold) return BELOW_UP;
  return LABELS[0];
}

/** The forecast in a line: probabilities, label, gate and the two features a reader checks first. */
export function explainForecast(f: Forecast): string {
  const gate = f.gate === 'none' ? '' : ` (gate: ${f.gate})`;
  const weight = f.modelWeight === 0 ? 'the class frequencies (no skill measured)' : `model weight ${f.modelWeight.toFixed(2)} against the class frequencies`;
  return `P(up) ${pct(f.pUp)}, P(down) ${pct(f.pDown)}, P(sideways) ${pct(f.pSideways)} → ${f.label}${gate}, ${weight}; RSI ${f.features.rsi14.toFixed(1)}, ${pct(f.features.smaDeviation)} vs SMA20`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
