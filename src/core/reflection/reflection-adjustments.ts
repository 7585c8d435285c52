import { ExperienceSummary } from './experience-summary';

/** How the analytic agents act on an experience summary. */
export interface ReflectionAdjustments {
  /** Additive logits per forecast class [up, down, sideways]. */
  forecastBias: [number, number, number];
  /** Style tilt: positive leans aggressive, negative conservative. */
  styleTilt: number;
  /** Additive changes to the decision's signal weights. */
  decisionWeights: { news: number; report: number; forecast: number };
}

export const NO_ADJUSTMENTS: ReflectionAdjustments = {
  forecastBias: [0, 0, 0],
  styleTilt: 0,
  decisionWeights: { news: 0, report: 0, forecast: 0 },
};

/**
 * Turns a summary into adjustments, scaled by `strength` (0..1) and only from `minCases` on:
 * - forecast: each class's logit moves by strength · ln(precision / mean precision), where a
 *   class's precision is (hits + 1) / (calls + 2) — classes that kept missing are damped;
 * - style: tilt = strength · tanh(mean reward of the chosen actions / 1%) — good recent
 *   outcomes lean aggressive, bad ones conservative;
 * - decision: each signal's weight moves by strength · weight · (2 · aligned share − 1), so a
 *   signal that pointed the wrong way counts for less.
 */
export function adjustmentsFrom(summary: ExperienceSummary, weights: { news: number; report: number; forecast: number }, strength: number, minCases: number): ReflectionAdjustments {
  const out: ReflectionAdjustments = { forecastBias: [0, 0, 0], styleTilt: 0, decisionWeights: { news: 0, report: 0, forecast: 0 } };
  const f = summary.forecast;
  if (f && f.cases >= minCases) {
    const { up, down, sideways } = f.byPredicted;
    const pUp = precision(up);
    const pDown = precision(down);
    const pSideways = precision(sideways);
    const mean = (pUp + pDown + pSideways) / 3;
    out.forecastBias[0] = strength * Math.log(pUp / mean);
    out.forecastBias[1] = strength * Math.log(pDown / mean);
    out.forecastBias[2] = strength * Math.log(pSideways / mean);
  }
  const d = summary.decision;
  if (d && d.cases >= minCases) {
    out.styleTilt = strength * Math.tanh(d.meanReward / 0.01);
    const w = out.decisionWeights;
    const { news, report, forecast } = d.signals;
    if (news.n >= minCases) w.news = strength * weights.news * ((2 * news.aligned) / news.n - 1);
    if (report.n >= minCases) w.report = strength * weights.report * ((2 * report.aligned) / report.n - 1);
    if (forecast.n >= minCases) w.forecast = strength * weights.forecast * ((2 * forecast.aligned) / forecast.n - 1);
  }
  return out;
}

/** A class's precision with one hit and one miss added, so few calls move it little. */
function precision(calls: { n: number; hits: number }): number {
  return (calls.hits + 1) / (calls.n + 2);
}
