import { CaseOutcomes } from '../reflection/case-outcomes';
import { ExperienceTally } from '../reflection/experience-summary';
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
  return qualityOfRows(
    CaseOutcomes.of(cases),
    cases.map((_, i) => i),
    splitTime,
  );
}

/** The same for the cases at `rows` of `outcomes`, in that order. */
export function qualityOfRows(outcomes: CaseOutcomes, rows: readonly number[], splitTime: number): ReflectionQuality {
  return { firstHalf: quality(outcomes, rows, (t) => t < splitTime), secondHalf: quality(outcomes, rows, (t) => t >= splitTime) };
}

/** The experience tally of the part's cases, read as hit rate, calibration and decision quality. */
function quality(o: CaseOutcomes, rows: readonly number[], inPart: (decidedAt: number) => boolean): QualityPart {
  const tally = new ExperienceTally();
  for (const i of rows) if (inPart(o.decidedAt[i])) tally.add(o, i);
  const f = tally.forecast();
  const d = tally.decision();
  if (!f || !d) return { cases: 0, hitRate: null, brier: null, meanWHit: null, bestActionRate: null, meanRegret: null };
  const n = tally.cases;
  return { cases: n, hitRate: f.hits / n, brier: f.brier, meanWHit: f.meanWHit, bestActionRate: d.agreed / n, meanRegret: d.meanRegret };
}
