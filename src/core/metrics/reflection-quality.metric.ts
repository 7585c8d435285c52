import { MemoryCase } from '../reflection/memory-case';

/** Forecast and decision quality over one part of a run. */
export interface QualityPart {
  cases: number;
  /** Share of forecasts whose class was the realised one. */
  hitRate: number | null;
  /** Mean multi-class Brier score of the forecast probabilities (lower is better). */
  brier: number | null;
  meanWHit: number | null;
  /** Share of decisions that took the best action of the day. */
  bestActionRate: number | null;
  meanRegret: number | null;
}

/**
 * Whether reflection helps, measured honestly: forecaster hit rate and calibration (Brier) and
 * decision quality in the first vs the second half of the window. Reflection that works should
 * improve the second half; the numbers are reported whichever way they go.
 */
export interface ReflectionQuality {
  firstHalf: QualityPart;
  secondHalf: QualityPart;
}

/** Splits the run's labelled cases at `splitTime` (decision instants before it are the first half). */
export function computeReflectionQuality(cases: readonly MemoryCase[], splitTime: number): ReflectionQuality {
  return {
    firstHalf: quality(cases.filter((c) => c.decidedAt < splitTime)),
    secondHalf: quality(cases.filter((c) => c.decidedAt >= splitTime)),
  };
}

function quality(cases: readonly MemoryCase[]): QualityPart {
  const n = cases.length;
  if (n === 0) return { cases: 0, hitRate: null, brier: null, meanWHit: null, bestActionRate: null, meanRegret: null };
  let hits = 0;
  let brier = 0;
  let wHit = 0;
  let best = 0;
  let regret = 0;
  for (const c of cases) {
    const f = c.forecast;
    const o = f.outcome;
    if (o.signOk > 0) hits++;
    wHit += o.wHit;
    brier += (f.pUp - (o.realised === 'up' ? 1 : 0)) ** 2 + (f.pDown - (o.realised === 'down' ? 1 : 0)) ** 2 + (f.pSideways - (o.realised === 'sideways' ? 1 : 0)) ** 2;
    const d = c.decision.outcome;
    if (d.best === d.chosen) best++;
    regret += d.regret;
  }
  return { cases: n, hitRate: hits / n, brier: brier / n, meanWHit: wHit / n, bestActionRate: best / n, meanRegret: regret / n };
}
