import { Action } from '../agents/decision/decision.types';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { Style } from '../agents/style/style.types';
import { CaseOutcomes } from './case-outcomes';
import { MemoryCase } from './memory-case';

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

  forecast(): ForecastExperience | null {
    const n = this.cases;
    if (n === 0) return null;
    const [pn, ph] = [this.predictedN, this.predictedHits];
    const byPredicted = { up: { n: pn[0], hits: ph[0] }, down: { n: pn[1], hits: ph[1] }, sideways: { n: pn[2], hits: ph[2] } };
    return { cases: n, hits: this.hits, meanWHit: this.wHit / n, brier: this.brier / n, byPredicted };
  }

  decision(): DecisionExperience | null {
    const n = this.cases;
    if (n === 0) return null;
    const [b, sa, sn] = [this.bestN, this.signalAligned, this.signalN];
    const best = { BUY: b[0], SELL: b[1], HOLD: b[2] };
    const signals = { news: { aligned: sa[0], n: sn[0] }, report: { aligned: sa[1], n: sn[1] }, forecast: { aligned: sa[2], n: sn[2] } };
    return { cases: n, agreed: this.agreed, meanReward: this.reward / n, meanRegret: this.regret / n, best, signals };
  }

  style(): StyleExperience | null {
    if (this.cases === 0) return null;
    const mean = (k: number) => ({ n: this.styleN[k], meanReward: this.styleN[k] ? this.styleReward[k] / this.styleN[k] : 0 });
    const byStyle = { aggressive: mean(0), balanced: mean(1), conservative: mean(2) };
    return { cases: this.cases, byStyle };
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

