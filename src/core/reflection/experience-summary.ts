import { Action } from '../agents/decision/decision.types';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { Style } from '../agents/style/style.types';
import { CaseOutcomes } from './case-outcomes';
import { MemoryCase } from './memory-case';
import { DECISION, FORECAST, readSummary, Slots, STYLE, SUMMARY, summarySlots } from './summary-numbers';

/** How the forecaster's recent and analogous calls turned out. */
export interface ForecastExperience {
  cases: number;
  hits: number;
  meanWHit: number;
  /** Multi-class Brier score of the probabilities (0 best, 2 worst). */
  brier: number;
  byPredicted: Record<ForecastLabel, { n: number; hits: number }>;
}

/** How the decisions turned out against the best action of each day. */
export interface DecisionExperience {
  cases: number;
  /** Decisions whose action was the best one. */
  agreed: number;
  meanReward: number;
  meanRegret: number;
  best: Record<Action, number>;
  /** Per signal: decisions where its sign pointed the way of the best action, of those where it had a sign. */
  signals: Record<'news' | 'report' | 'forecast', { aligned: number; n: number }>;
}

export interface StyleExperience {
  cases: number;
  byStyle: Record<Style, { n: number; meanReward: number }>;
}

/**
 * The structured "experience summary" of the paper: what worked, what failed, and under which
 * conditions, with counts. Built from the cases retrieved for one decision (the recent window
 * and the most similar past states). The plain statements of what worked and what failed are
 * derived from these counts by {@link lessons}.
 */
export interface ExperienceSummary {
  asOf: number;
  recentCases: number;
  similarCases: number;
  forecast: ForecastExperience | null;
  decision: DecisionExperience | null;
  style: StyleExperience | null;
}

// Where the tally's counters sit in its integer list, three slots each (by code).
const PREDICTED_N = 0;
const PREDICTED_HITS = 3;
const BEST_N = 6;
const SIGNAL_N = 9;
const SIGNAL_ALIGNED = 12;
const STYLE_N = 15;
const COUNTERS = 18;

/**
 * Counts what the summary reports, one case (a row of {@link CaseOutcomes}) at a time, in the
 * order the cases are added (sums in that order, so the means are those of the case list). One
 * tally serves every decision of a run: `reset` and add again. The three-slot counters are
 * indexed by the codes of `case-outcomes.ts` (forecast classes, actions, signal sources, styles)
 * and held together in one integer list, so the summary's counts are small integers. Counts and
 * sums can be kept apart: counts are exact under removal (a sliding window keeps them), sums
 * are only the same when added in the same order.
 */
export class ExperienceTally {
  cases = 0;
  private hits = 0;
  private agreed = 0;
  private wHit = 0;
  private brier = 0;
  private reward = 0;
  private regret = 0;
  private readonly counters = new Int32Array(COUNTERS);
  private readonly styleReward = new Float64Array(3);

  reset(): void {
    this.cases = this.hits = this.agreed = 0;
    this.wHit = this.brier = this.reward = this.regret = 0;
    // Loops, not `fill`: a builtin call costs more than clearing a few slots.
    for (let k = 0; k < COUNTERS; k++) this.counters[k] = 0;
    for (let k = 0; k < 3; k++) this.styleReward[k] = 0;
  }

  add(o: CaseOutcomes, i: number): void {
    ONE_ROW[0] = i;
    this.addRows(o, ONE_ROW, 0, 1);
  }

  /** Adds the cases at rows[from, to), in that order. */
  addRows(o: CaseOutcomes, rows: ArrayLike<number>, from: number, to: number): void {
    this.addCounts(o, rows, from, to, 1);
    this.addSums(o, rows, from, to);
  }

  /** Adds (`sign` 1) or removes (−1) the counts of the cases at rows[from, to). */
  addCounts(o: CaseOutcomes, rows: ArrayLike<number>, from: number, to: number, sign: 1 | -1): void {
    const n = this.counters;
    let { hits, agreed } = this;
    for (let r = from; r < to; r++) {
      const i = rows[r];
      const hit = o.hit[i] * sign;
      hits += hit;
      const predicted = o.predicted[i];
      n[PREDICTED_N + predicted] += sign;
      n[PREDICTED_HITS + predicted] += hit;
      const best = o.best[i];
      n[BEST_N + best] += sign;
      if (best === o.chosen[i]) agreed += sign;
      // A signal counts where it and the day's way (up when buying beat selling) both had a sign.
      const way = o.way[i];
      if (way !== 0) {
        for (let s = 0; s < 3; s++) {
          const signal = o.signalSign[3 * i + s];
          if (signal === 0) continue;
          n[SIGNAL_N + s] += sign;
          if (signal === way) n[SIGNAL_ALIGNED + s] += sign;
        }
      }
      n[STYLE_N + o.style[i]] += sign;
    }
    this.cases += sign * (to - from);
    this.hits = hits;
    this.agreed = agreed;
  }

  /**
   * Adds the sums of the cases at rows[from, to), in that order. They run in locals and are
   * stored once: the same additions in the same order as adding the cases one by one.
   */
  addSums(o: CaseOutcomes, rows: ArrayLike<number>, from: number, to: number): void {
    let { wHit, brier, reward, regret } = this;
    for (let r = from; r < to; r++) {
      const i = rows[r];
      wHit += o.wHit[i];
      brier += o.brier[i];
      const chosenReward = o.reward[i];
      reward += chosenReward;
      regret += o.regret[i];
      this.styleReward[o.style[i]] += chosenReward;
    }
    this.wHit = wHit;
    this.brier = brier;
    this.reward = reward;
    this.regret = regret;
  }

  /** Makes this tally's counts those of `other` (its sums are left as they are). */
  copyCounts(other: ExperienceTally): void {
    this.cases = other.cases;
    this.hits = other.hits;
    this.agreed = other.agreed;
    for (let k = 0; k < COUNTERS; k++) this.counters[k] = other.counters[k];
  }

  /**
   * Writes the summary of the cases added so far from slot n, in the layout of
   * `summary-numbers.ts` (the parts are present once a case was added; an absent part's slots
   * are zero). The means are the sums over the count, in the order the cases were added.
   */
  write(x: Slots, n: number, asOf: number, recentCases: number, similarCases: number): void {
    const cases = this.cases;
    const present = cases > 0 ? 1 : 0;
    x[n + SUMMARY] = asOf;
    x[n + SUMMARY + 1] = recentCases;
    x[n + SUMMARY + 2] = similarCases;
    x[n + SUMMARY + 3] = x[n + SUMMARY + 4] = x[n + SUMMARY + 5] = present;
    const f = n + FORECAST;
    x[f] = cases;
    x[f + 1] = this.hits;
    x[f + 2] = cases > 0 ? this.wHit / cases : 0;
    x[f + 3] = cases > 0 ? this.brier / cases : 0;
    const counters = this.counters;
    for (let c = 0; c < 3; c++) {
      x[f + 4 + 2 * c] = counters[PREDICTED_N + c];
      x[f + 5 + 2 * c] = counters[PREDICTED_HITS + c];
    }
    const d = n + DECISION;
    x[d] = cases;
    x[d + 1] = this.agreed;
    x[d + 2] = cases > 0 ? this.reward / cases : 0;
    x[d + 3] = cases > 0 ? this.regret / cases : 0;
    for (let a = 0; a < 3; a++) x[d + 4 + a] = counters[BEST_N + a];
    for (let s = 0; s < 3; s++) {
      x[d + 7 + 2 * s] = counters[SIGNAL_ALIGNED + s];
      x[d + 8 + 2 * s] = counters[SIGNAL_N + s];
    }
    const st = n + STYLE;
    x[st] = cases;
    for (let k = 0; k < 3; k++) {
      const styleN = counters[STYLE_N + k];
      x[st + 1 + 2 * k] = styleN;
      x[st + 2 + 2 * k] = styleN ? this.styleReward[k] / styleN : 0;
    }
  }

  /** The summary of the cases added so far, as objects. */
  summary(asOf: number, recentCases: number, similarCases: number): ExperienceSummary {
    const x = summarySlots();
    this.write(x, 0, asOf, recentCases, similarCases);
    return readSummary(x, 0);
  }

  forecast(): ForecastExperience | null {
    return this.summary(0, 0, 0).forecast;
  }

  decision(): DecisionExperience | null {
    return this.summary(0, 0, 0).decision;
  }

  style(): StyleExperience | null {
    return this.summary(0, 0, 0).style;
  }
}

/** The one row `add` hands to `addRows`. */
const ONE_ROW = new Int32Array(1);

function tallyOf(cases: readonly MemoryCase[]): ExperienceTally {
  const outcomes = CaseOutcomes.of(cases);
  const tally = new ExperienceTally();
  for (let i = 0; i < cases.length; i++) tally.add(outcomes, i);
  return tally;
}

export function summarizeForecasts(cases: readonly MemoryCase[]): ForecastExperience | null {
  return tallyOf(cases).forecast();
}

export function summarizeDecisions(cases: readonly MemoryCase[]): DecisionExperience | null {
  return tallyOf(cases).decision();
}

export function summarizeStyles(cases: readonly MemoryCase[]): StyleExperience | null {
  return tallyOf(cases).style();
}

/** Plain statements of what worked and what failed, with counts. */
export function lessons(f: ForecastExperience | null, d: DecisionExperience | null, s: StyleExperience | null): { worked: string[]; failed: string[] } {
  const worked: string[] = [];
  const failed: string[] = [];
  if (f) {
    for (const label of ['up', 'down', 'sideways'] as const) {
      const { n, hits } = f.byPredicted[label];
      if (n < 3) continue;
      const line = `"${label}" forecasts hit ${hits} of ${n}`;
      (hits / n >= 0.5 ? worked : failed).push(line);
    }
  }
  if (d) {
    const line = `decisions matched the best action ${d.agreed} of ${d.cases} times (mean regret ${(d.meanRegret * 100).toFixed(2)}%)`;
    (d.agreed / d.cases >= 0.5 ? worked : failed).push(line);
    for (const source of ['news', 'report', 'forecast'] as const) {
      const { aligned, n } = d.signals[source];
      if (n < 3) continue;
      (aligned / n >= 0.5 ? worked : failed).push(`${source} signal pointed the right way ${aligned} of ${n} times`);
    }
  }
  if (s) {
    for (const style of ['aggressive', 'balanced', 'conservative'] as const) {
      const { n, meanReward } = s.byStyle[style];
      if (n < 3) continue;
      (meanReward >= 0 ? worked : failed).push(`${style} days averaged a reward of ${(meanReward * 100).toFixed(2)}% (${n} days)`);
    }
  }
  return { worked, failed };
}

