import { MemoryCase } from './memory-case';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** What a test sets on a fixture case; nested parts are merged into a sound case. */
export interface CasePatch {
  id?: string;
  symbol?: string;
  decidedAt?: number;
  knownAt?: number;
  features?: number[];
  forecast?: Partial<Omit<MemoryCase['forecast'], 'outcome'>> & { outcome?: Partial<MemoryCase['forecast']['outcome']> };
  style?: MemoryCase['style'];
  decision?: Partial<Omit<MemoryCase['decision'], 'outcome'>> & { outcome?: Partial<MemoryCase['decision']['outcome']> };
  provenance?: MemoryCase['provenance'];
}

/**
 * A sound case for the reflection specs: decided on day `i` (epoch days), known a day later,
 * an "up" call that hit, a BUY that was the best action, with a 7-feature state. A patch
 * changes what a test is about.
 */
export function memoryCase(i: number, patch: CasePatch = {}): MemoryCase {
  const decidedAt = patch.decidedAt ?? i * DAY;
  const base: MemoryCase = {
    id: `TEST:${decidedAt}`,
    sourceRun: '',
    symbol: 'TEST',
    decidedAt,
    knownAt: decidedAt + DAY,
    features: [0.2, 0.1 * (i % 5), -0.3, 0.4, 0.05, -0.1, i % 2],
    forecast: { label: 'up', pUp: 0.6, pDown: 0.1, pSideways: 0.3, outcome: { pct: 0.02, epsilon: 0.005, realised: 'up', signOk: 1, pTrue: 0.6, wHit: 0.5996 } },
    style: { style: 'balanced' },
    decision: {
      action: 'BUY',
      score: 0.3,
      signals: { news: null, report: 0.1, forecast: 0.5 },
      outcome: { rewards: { BUY: 0.008, SELL: -0.004, HOLD: -0.004 }, best: 'BUY', chosen: 'BUY', regret: 0, benchmarkReturn: 0.02 },
    },
    provenance: [{ kind: 'bar', ref: `day ${i}`, publishedAt: decidedAt }],
    checksum: '',
  };
  return {
    ...base,
    ...(patch.id !== undefined && { id: patch.id }),
    ...(patch.symbol !== undefined && { symbol: patch.symbol }),
    ...(patch.knownAt !== undefined && { knownAt: patch.knownAt }),
    ...(patch.features !== undefined && { features: patch.features }),
    ...(patch.style !== undefined && { style: patch.style }),
    ...(patch.provenance !== undefined && { provenance: patch.provenance }),
    forecast: { ...base.forecast, ...patch.forecast, outcome: { ...base.forecast.outcome, ...patch.forecast?.outcome } },
    decision: { ...base.decision, ...patch.decision, outcome: { ...base.decision.outcome, ...patch.decision?.outcome } },
  };
}
