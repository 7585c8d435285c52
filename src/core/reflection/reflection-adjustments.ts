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
    const labels = ['up', 'down', 'sideways'] as const;
    const precision = labels.map((l) => (f.byPredicted[l].hits + 1) / (f.byPredicted[l].n + 2));
    const mean = (precision[0] + precision[1] + precision[2]) / 3;
    for (let c = 0; c < 3; c++) out.forecastBias[c] = strength * Math.log(precision[c] / mean);
  }
  const d = summary.decision;
  if (d && d.cases >= minCases) {
    out.styleTilt = strength * Math.tanh(d.meanReward / 0.01);
    for (const source of ['news', 'report', 'forecast'] as const) {
      const { aligned, n } = d.signals[source];
      if (n >= minCases) out.decisionWeights[source] = strength * weights[source] * ((2 * aligned) / n - 1);
    }
  }
  return out;
}
