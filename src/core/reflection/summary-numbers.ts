import { DecisionExperience, ExperienceSummary, ForecastExperience, StyleExperience } from './experience-summary';

/**
 * An experience summary as numbers, in one fixed layout: what the tally writes, what the trace's
 * reflection columns keep, and what the adjustments are worked out from. `readSummary` builds the
 * summary's objects from them (the same numbers in the same places).
 */
export const SUMMARY = 0; // asOf, recentCases, similarCases, then one presence slot per part (1: present)
export const FORECAST = 6; // cases, hits, meanWHit, brier, then n and hits of up, down, sideways
export const DECISION = 16; // cases, agreed, meanReward, meanRegret, best BUY/SELL/HOLD, then aligned and n of news, report, forecast
export const STYLE = 29; // cases, then n and meanReward of aggressive, balanced, conservative
export const SUMMARY_SLOTS = 36;

/** Something numbers can be written to and read from: a typed array or a plain list. */
export type Slots = { [i: number]: number };

/** A fresh list of {@link SUMMARY_SLOTS} numbers, held unboxed (a list of doubles, copied from one). */
export function summarySlots(): number[] {
  return DOUBLES.slice();
}

const DOUBLES: number[] = Array.from({ length: SUMMARY_SLOTS }, () => 0.5).fill(0);

/** Writes the summary from slot n (the slots of an absent part are left as they are). */
export function writeSummary(s: ExperienceSummary, x: Slots, n: number): void {
  x[n + SUMMARY] = s.asOf;
  x[n + SUMMARY + 1] = s.recentCases;
  x[n + SUMMARY + 2] = s.similarCases;
  x[n + SUMMARY + 3] = s.forecast ? 1 : 0;
  x[n + SUMMARY + 4] = s.decision ? 1 : 0;
  x[n + SUMMARY + 5] = s.style ? 1 : 0;
  if (s.forecast) writeForecast(s.forecast, x, n + FORECAST);
  if (s.decision) writeDecision(s.decision, x, n + DECISION);
  if (s.style) writeStyle(s.style, x, n + STYLE);
}

/** The summary written from slot n. */
export function readSummary(x: Slots, n: number): ExperienceSummary {
  return {
    asOf: x[n + SUMMARY],
    recentCases: x[n + SUMMARY + 1],
    similarCases: x[n + SUMMARY + 2],
    forecast: x[n + SUMMARY + 3] === 1 ? readForecast(x, n + FORECAST) : null,
    decision: x[n + SUMMARY + 4] === 1 ? readDecision(x, n + DECISION) : null,
    style: x[n + SUMMARY + 5] === 1 ? readStyle(x, n + STYLE) : null,
  };
}

function writeForecast(f: ForecastExperience, x: Slots, n: number): void {
  const p = f.byPredicted;
  x[n] = f.cases;
  x[n + 1] = f.hits;
  x[n + 2] = f.meanWHit;
  x[n + 3] = f.brier;
  x[n + 4] = p.up.n;
  x[n + 5] = p.up.hits;
  x[n + 6] = p.down.n;
  x[n + 7] = p.down.hits;
  x[n + 8] = p.sideways.n;
  x[n + 9] = p.sideways.hits;
}

function readForecast(x: Slots, n: number): ForecastExperience {
  const byPredicted = { up: { n: x[n + 4], hits: x[n + 5] }, down: { n: x[n + 6], hits: x[n + 7] }, sideways: { n: x[n + 8], hits: x[n + 9] } };
  return { cases: x[n], hits: x[n + 1], meanWHit: x[n + 2], brier: x[n + 3], byPredicted };
}

function writeDecision(d: DecisionExperience, x: Slots, n: number): void {
  const s = d.signals;
  x[n] = d.cases;
  x[n + 1] = d.agreed;
  x[n + 2] = d.meanReward;
  x[n + 3] = d.meanRegret;
  x[n + 4] = d.best.BUY;
  x[n + 5] = d.best.SELL;
  x[n + 6] = d.best.HOLD;
  x[n + 7] = s.news.aligned;
  x[n + 8] = s.news.n;
  x[n + 9] = s.report.aligned;
  x[n + 10] = s.report.n;
  x[n + 11] = s.forecast.aligned;
  x[n + 12] = s.forecast.n;
}

function readDecision(x: Slots, n: number): DecisionExperience {
  const best = { BUY: x[n + 4], SELL: x[n + 5], HOLD: x[n + 6] };
  const signals = { news: { aligned: x[n + 7], n: x[n + 8] }, report: { aligned: x[n + 9], n: x[n + 10] }, forecast: { aligned: x[n + 11], n: x[n + 12] } };
  return { cases: x[n], agreed: x[n + 1], meanReward: x[n + 2], meanRegret: x[n + 3], best, signals };
}

function writeStyle(s: StyleExperience, x: Slots, n: number): void {
  const b = s.byStyle;
  x[n] = s.cases;
  x[n + 1] = b.aggressive.n;
  x[n + 2] = b.aggressive.meanReward;
  x[n + 3] = b.balanced.n;
  x[n + 4] = b.balanced.meanReward;
  x[n + 5] = b.conservative.n;
  x[n + 6] = b.conservative.meanReward;
}

function readStyle(x: Slots, n: number): StyleExperience {
  const byStyle = { aggressive: { n: x[n + 1], meanReward: x[n + 2] }, balanced: { n: x[n + 3], meanReward: x[n + 4] }, conservative: { n: x[n + 5], meanReward: x[n + 6] } };
  return { cases: x[n], byStyle };
}
