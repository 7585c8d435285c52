import { ExperienceSummary } from './experience-summary';
import { DECISION, FORECAST, Slots, SUMMARY, summarySlots, writeSummary } from './summary-numbers';

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
  const x = summarySlots();
  writeSummary(summary, x, 0);
  return adjustmentsFromSlots(x, weights, strength, minCases);
}

/** {@link adjustmentsFrom} for a summary written as numbers from slot 0 (see `summary-numbers.ts`). */
export function adjustmentsFromSlots(x: Slots, weights: { news: number; report: number; forecast: number }, strength: number, minCases: number): ReflectionAdjustments {
  const out: ReflectionAdjustments = { forecastBias: [0, 0, 0], styleTilt: 0, decisionWeights: { news: 0, report: 0, forecast: 0 } };
  if (x[SUMMARY + 3] === 1 && x[FORECAST] >= minCases) {
    // Calls and hits of up, down and sideways: slots 4..9 of the forecast part.
    const pUp = precision(x[FORECAST + 4], x[FORECAST + 5]);
    const pDown = precision(x[FORECAST + 6], x[FORECAST + 7]);
    const pSideways = precision(x[FORECAST + 8], x[FORECAST + 9]);
    const mean = (pUp + pDown + pSideways) / 3;
    out.forecastBias[0] = strength * Math.log(pUp / mean);
    out.forecastBias[1] = strength * Math.log(pDown / mean);
    out.forecastBias[2] = strength * Math.log(pSideways / mean);
  }
  if (x[SUMMARY + 4] === 1 && x[DECISION] >= minCases) {
    out.styleTilt = strength * Math.tanh(x[DECISION + 2] / 0.01);
    const w = out.decisionWeights;
    // Aligned and n of news, report and forecast: slots 7..12 of the decision part.
    w.news = signalWeight(x[DECISION + 7], x[DECISION + 8], weights.news, strength, minCases);
    w.report = signalWeight(x[DECISION + 9], x[DECISION + 10], weights.report, strength, minCases);
    w.forecast = signalWeight(x[DECISION + 11], x[DECISION + 12], weights.forecast, strength, minCases);
  }
  return out;
}

/** A class's precision with one hit and one miss added, so few calls move it little. */
function precision(calls: number, hits: number): number {
  return (hits + 1) / (calls + 2);
}

/** A signal's weight change: strength · weight · (2 · aligned share − 1), from `minCases` signed days on. */
function signalWeight(aligned: number, n: number, weight: number, strength: number, minCases: number): number {
  return n >= minCases ? strength * weight * ((2 * aligned) / n - 1) : 0;
}
