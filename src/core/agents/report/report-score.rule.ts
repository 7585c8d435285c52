import type { EarningsIndicators } from './earnings.indicators';
import type { ReportAgentParams } from './financial-report.params';

/** The parts of a report score, kept for the rationale and the tests. */
export interface ReportScore {
  /** E: earnings evidence before decay (see {@link earningsEvidence}). */
  evidence: number;
  /** 0.5^(age / halfLifeDays) of the earnings and of the filing (0 when absent). */
  earningsDecay: number;
  filingDecay: number;
  /** In [-1, 1]. */
  score: number;
}

/**
 * E = surpriseWeight·clip(surprise / surpriseScale) + growthWeight·clip(growthYoY / growthScale)
 *   + beatsWeight·(beats − misses) / quarters, each clip to [-1, 1]; a missing growth counts 0.
 */
export function earningsEvidence(ind: EarningsIndicators, p: ReportAgentParams): number {
  const growth = ind.growthYoY === null ? 0 : clip(ind.growthYoY / p.growthScale);
  const balance = ind.quarters === 0 ? 0 : (ind.beats - ind.misses) / ind.quarters;
  return p.surpriseWeight * clip(ind.surprise / p.surpriseScale) + p.growthWeight * growth + p.beatsWeight * balance;
}

/** Weight left to evidence `ageDays` old: halves every `halfLifeDays` (1 at release). */
export function staleness(ageDays: number, halfLifeDays: number): number {
  return Math.pow(0.5, Math.max(0, ageDays) / halfLifeDays);
}

/**
 * score = tanh(decay(ageE)·E + filingWeight·decay(ageF)·F), F the filing tone in [-1, 1]. tanh
 * keeps the score in (-1, 1) and lets agreeing evidence saturate; with neither earnings nor a
 * filing the score is 0.
 */
export function reportScore(earnings: { evidence: number; ageDays: number } | null, filing: { tone: number; ageDays: number } | null, p: ReportAgentParams): ReportScore {
  const evidence = earnings?.evidence ?? 0;
  const earningsDecay = earnings === null ? 0 : staleness(earnings.ageDays, p.halfLifeDays);
  const filingDecay = filing === null ? 0 : staleness(filing.ageDays, p.halfLifeDays);
  const raw = earningsDecay * evidence + p.filingWeight * filingDecay * (filing?.tone ?? 0);
  return { evidence, earningsDecay, filingDecay, score: Math.tanh(raw) };
}

function clip(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}
