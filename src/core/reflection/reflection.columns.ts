import { ExplainedColumns } from '../agents/trace/explained-columns';
import { explainReflection, ReflectionOutput, TalliedReflection } from './reflection-output';
import { readSummary, SUMMARY_SLOTS, writeSummary } from './summary-numbers';

const ADJUSTMENTS = SUMMARY_SLOTS; // forecastBias ×3, styleTilt, decisionWeights news/report/forecast
const SLOTS = SUMMARY_SLOTS + 7;

/** The reflection outputs in the decision trace's columns (see {@link ExplainedColumns}). */
export class ReflectionColumns extends ExplainedColumns<ReflectionOutput> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('reflection', explainReflection, 'memory', SLOTS, 0, capacity);
  }

  protected writeData(d: ReflectionOutput, x: Float64Array, n: number): boolean {
    if (d instanceof TalliedReflection) {
      const numbers = d.numbers;
      for (let k = 0; k < SUMMARY_SLOTS; k++) x[n + k] = numbers[k];
    } else {
      writeSummary(d.summary, x, n);
    }
    const a = d.adjustments;
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
      summary: readSummary(x, n),
      adjustments: {
        forecastBias: [x[a], x[a + 1], x[a + 2]],
        styleTilt: x[a + 3],
        decisionWeights: { news: x[a + 4], report: x[a + 5], forecast: x[a + 6] },
      },
    };
  }
}
