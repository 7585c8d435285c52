import { ExplainedColumns } from '../agents/trace/explained-columns';
import { DecisionExperience, ForecastExperience, StyleExperience } from './experience-summary';
import { explainReflection, ReflectionOutput } from './reflection-output';

const SUMMARY = 0; // asOf, recentCases, similarCases, then one presence slot per part
const FORECAST = 6; // cases, hits, meanWHit, brier, then n and hits of up, down, sideways
const DECISION = 16; // cases, agreed, meanReward, meanRegret, best BUY/SELL/HOLD, then aligned and n of news, report, forecast
const STYLE = 29; // cases, then n and meanReward of aggressive, balanced, conservative
const ADJUSTMENTS = 36; // forecastBias ×3, styleTilt, decisionWeights news/report/forecast
const SLOTS = 43;

/** The reflection outputs in the decision trace's columns (see {@link ExplainedColumns}). */
export class ReflectionColumns extends ExplainedColumns<ReflectionOutput> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('reflection', explainReflection, 'memory', SLOTS, 0, capacity);
  }

  protected writeData({ summary: s, adjustments: a }: ReflectionOutput, x: Float64Array, n: number): boolean {
    x[n + SUMMARY] = s.asOf;
    x[n + SUMMARY + 1] = s.recentCases;
    x[n + SUMMARY + 2] = s.similarCases;
    x[n + SUMMARY + 3] = s.forecast ? 1 : 0;
    x[n + SUMMARY + 4] = s.decision ? 1 : 0;
    x[n + SUMMARY + 5] = s.style ? 1 : 0;
    if (s.forecast) writeForecast(s.forecast, x, n + FORECAST);
    if (s.decision) writeDecision(s.decision, x, n + DECISION);
    if (s.style) writeStyle(s.style, x, n + STYLE);
    const b = a.forecastBias;
    const w = a.decisionWeights;
    x[n + ADJUSTMENTS] = b[0];
    x[n + ADJUSTMENTS + 1] = b[1];
    x[n + ADJUSTMENTS + 2] = b[2];
    x[n + ADJUSTMENTS + 3] = a.styleTilt;
    x[n + ADJUSTMENTS + 4] = w.news;
    x[n + ADJUSTMENTS + 5] = w.report;
    x[n + ADJUSTMENTS + 6] = w.forecast;
    return b.length === 3;
  }

  protected readData(x: Float64Array, n: number): ReflectionOutput {
    const a = n + ADJUSTMENTS;
    return {
      summary: {
        asOf: x[n + SUMMARY],
        recentCases: x[n + SUMMARY + 1],
        similarCases: x[n + SUMMARY + 2],
        forecast: x[n + SUMMARY + 3] === 1 ? readForecast(x, n + FORECAST) : null,
        decision: x[n + SUMMARY + 4] === 1 ? readDecision(x, n + DECISION) : null,
        style: x[n + SUMMARY + 5] === 1 ? readStyle(x, n + STYLE) : null,
      },
      adjustments: {
        forecastBias: [x[a], x[a + 1], x[a + 2]],
        styleTilt: x[a + 3],
        decisionWeights: { news: x[a + 4], report: x[a + 5], forecast: x[a + 6] },
      },
    };
  }
}

function writeForecast(f: ForecastExperience, x: Float64Array, n: number): void {
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

function readForecast(x: Float64Array, n: number): ForecastExperience {
  const byPredicted = { up: { n: x[n + 4], hits: x[n + 5] }, down: { n: x[n + 6], hits: x[n + 7] }, sideways: { n: x[n + 8], hits: x[n + 9] } };
  return { cases: x[n], hits: x[n + 1], meanWHit: x[n + 2], brier: x[n + 3], byPredicted };
}

function writeDecision(d: DecisionExperience, x: Float64Array, n: number): void {
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

function readDecision(x: Float64Array, n: number): DecisionExperience {
  const best = { BUY: x[n + 4], SELL: x[n + 5], HOLD: x[n + 6] };
  const signals = { news: { aligned: x[n + 7], n: x[n + 8] }, report: { aligned: x[n + 9], n: x[n + 10] }, forecast: { aligned: x[n + 11], n: x[n + 12] } };
  return { cases: x[n], agreed: x[n + 1], meanReward: x[n + 2], meanRegret: x[n + 3], best, signals };
}

function writeStyle(s: StyleExperience, x: Float64Array, n: number): void {
  const b = s.byStyle;
  x[n] = s.cases;
  x[n + 1] = b.aggressive.n;
  x[n + 2] = b.aggressive.meanReward;
  x[n + 3] = b.balanced.n;
  x[n + 4] = b.balanced.meanReward;
  x[n + 5] = b.conservative.n;
  x[n + 6] = b.conservative.meanReward;
}

function readStyle(x: Float64Array, n: number): StyleExperience {
  const byStyle = { aggressive: { n: x[n + 1], meanReward: x[n + 2] }, balanced: { n: x[n + 3], meanReward: x[n + 4] }, conservative: { n: x[n + 5], meanReward: x[n + 6] } };
  return { cases: x[n], byStyle };
}
