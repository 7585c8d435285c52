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

/**
 * Counts what the summary reports, one case (a row of {@link CaseOutcomes}) at a time, in the
 * order the cases are added (sums in that order, so the means are those of the case list). One
 * tally serves every decision of a run: `reset` and add again. The three-slot counters are
 * indexed by the codes of `case-outcomes.ts` (forecast classes, actions, signal sources, styles).
 * Counts are held as integers, so the summary's count fields are small integers, not boxed
 * numbers.
 */
export class ExperienceTally {
  cases = 0;
  private hits = 0;
  private wHit = 0;
  private brier = 0;
  private readonly predictedN = new Int32Array(3);
  private readonly predictedHits = new Int32Array(3);
  private agreed = 0;
  private reward = 0;
  private regret = 0;
  private readonly bestN = new Int32Array(3);
  private readonly signalN = new Int32Array(3);
  private readonly signalAligned = new Int32Array(3);
  private readonly styleN = new Int32Array(3);
  private readonly styleReward = new Float64Array(3);

  reset(): void {
    this.cases = this.hits = this.wHit = this.brier = this.agreed = this.reward = this.regret = 0;
    this.predictedN.fill(0);
    this.predictedHits.fill(0);
    this.bestN.fill(0);
    this.signalN.fill(0);
    this.signalAligned.fill(0);
    this.styleN.fill(0);
    this.styleReward.fill(0);
  }

  add(o: CaseOutcomes, i: number): void {
    this.cases++;
    const hit = o.hit[i];
    this.hits += hit;
    this.wHit += o.wHit[i];
    this.brier += o.brier[i];
    this.predictedN[o.predicted[i]]++;
    this.predictedHits[o.predicted[i]] += hit;
    const best = o.best[i];
    this.bestN[best]++;
    if (best === o.chosen[i]) this.agreed++;
    this.reward += o.reward[i];
    this.regret += o.regret[i];
    // A signal counts where it and the day's way (up when buying beat selling) both had a sign.
    const way = o.way[i];
    if (way !== 0) {
      for (let s = 0; s < 3; s++) {
        const sign = o.signalSign[3 * i + s];
        if (sign === 0) continue;
        this.signalN[s]++;
        if (sign === way) this.signalAligned[s]++;
      }
    }
    this.styleN[o.style[i]]++;
    this.styleReward[o.style[i]] += o.reward[i];
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
    for (let c = 0; c < 3; c++) {
      x[f + 4 + 2 * c] = this.predictedN[c];
      x[f + 5 + 2 * c] = this.predictedHits[c];
    }
    const d = n + DECISION;
    x[d] = cases;
    x[d + 1] = this.agreed;
    x[d + 2] = cases > 0 ? this.reward / cases : 0;
    x[d + 3] = cases > 0 ? this.regret / cases : 0;
    for (let a = 0; a < 3; a++) x[d + 4 + a] = this.bestN[a];
    for (let s = 0; s < 3; s++) {
      x[d + 7 + 2 * s] = this.signalAligned[s];
      x[d + 8 + 2 * s] = this.signalN[s];
    }
    const st = n + STYLE;
    x[st] = cases;
    for (let k = 0; k < 3; k++) {
      x[st + 1 + 2 * k] = this.styleN[k];
      x[st + 2 + 2 * k] = this.styleN[k] ? this.styleReward[k] / this.styleN[k] : 0;
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

