import { Action } from '../agents/decision/decision.types';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { Style } from '../agents/style/style.types';
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
 * and the most similar past states).
 */
export interface ExperienceSummary {
  asOf: number;
  recentCases: number;
  similarCases: number;
  forecast: ForecastExperience | null;
  decision: DecisionExperience | null;
  style: StyleExperience | null;
  worked: string[];
  failed: string[];
}

export function summarizeForecasts(cases: readonly MemoryCase[]): ForecastExperience | null {
  if (cases.length === 0) return null;
  const byPredicted = { up: { n: 0, hits: 0 }, down: { n: 0, hits: 0 }, sideways: { n: 0, hits: 0 } };
  let hits = 0;
  let wHit = 0;
  let brier = 0;
  for (const c of cases) {
    const o = c.forecast;
    const v = o.outcome;
    const hit = v.signOk > 0 ? 1 : 0;
    hits += hit;
    wHit += v.wHit;
    byPredicted[o.label].n++;
    byPredicted[o.label].hits += hit;
    brier += sq(o.pUp - (v.realised === 'up' ? 1 : 0)) + sq(o.pDown - (v.realised === 'down' ? 1 : 0)) + sq(o.pSideways - (v.realised === 'sideways' ? 1 : 0));
  }
  return { cases: cases.length, hits, meanWHit: wHit / cases.length, brier: brier / cases.length, byPredicted };
}

export function summarizeDecisions(cases: readonly MemoryCase[]): DecisionExperience | null {
  if (cases.length === 0) return null;
  const best: Record<Action, number> = { BUY: 0, SELL: 0, HOLD: 0 };
  const signals = { news: { aligned: 0, n: 0 }, report: { aligned: 0, n: 0 }, forecast: { aligned: 0, n: 0 } };
  let agreed = 0;
  let reward = 0;
  let regret = 0;
  for (const c of cases) {
    const v = c.decision.outcome;
    best[v.best]++;
    if (v.best === v.chosen) agreed++;
    reward += v.rewards[v.chosen];
    regret += v.regret;
    // The way the day rewarded: up when buying beat selling, down when selling beat buying.
    const way = Math.sign(v.rewards.BUY - v.rewards.SELL);
    for (const source of ['news', 'report', 'forecast'] as const) {
      const value = c.decision.signals[source];
      if (value === null || value === 0 || way === 0) continue;
      signals[source].n++;
      if (Math.sign(value) === way) signals[source].aligned++;
    }
  }
  return { cases: cases.length, agreed, meanReward: reward / cases.length, meanRegret: regret / cases.length, best, signals };
}

export function summarizeStyles(cases: readonly MemoryCase[]): StyleExperience | null {
  if (cases.length === 0) return null;
  const acc = { aggressive: { n: 0, sum: 0 }, balanced: { n: 0, sum: 0 }, conservative: { n: 0, sum: 0 } };
  for (const c of cases) {
    const v = c.decision.outcome;
    acc[c.style.style].n++;
    acc[c.style.style].sum += v.rewards[v.chosen];
  }
  const byStyle = Object.fromEntries(
    Object.entries(acc).map(([k, v]) => [k, { n: v.n, meanReward: v.n ? v.sum / v.n : 0 }]),
  ) as StyleExperience['byStyle'];
  return { cases: cases.length, byStyle };
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

function sq(x: number): number {
  return x * x;
}
