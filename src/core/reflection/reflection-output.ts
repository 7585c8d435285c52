import { ExperienceSummary, lessons } from './experience-summary';
import { ReflectionAdjustments } from './reflection-adjustments';
import { readSummary } from './summary-numbers';

/** What reflection contributes to a decision: the experience summary and what it changes. */
export interface ReflectionOutput {
  summary: ExperienceSummary;
  adjustments: ReflectionAdjustments;
}

/**
 * A reflection output as a run makes it: the summary as numbers (in the layout of
 * `summary-numbers.ts`, as the tally wrote them) and the adjustments. The summary's objects are
 * built the first time `summary` is read; a run's own outputs go straight to the trace's columns,
 * which copy the numbers, so most are never built. JSON gives the plain output.
 */
export class TalliedReflection implements ReflectionOutput {
  #summary: ExperienceSummary | undefined;

  constructor(
    /** The summary's numbers (not to be changed). */
    readonly numbers: readonly number[],
    readonly adjustments: ReflectionAdjustments,
  ) {}

  get summary(): ExperienceSummary {
    return (this.#summary ??= readSummary(this.numbers, 0));
  }

  toJSON(): ReflectionOutput {
    return { summary: this.summary, adjustments: this.adjustments };
  }
}

/** How many cases the summary drew on and the lessons their counts teach. */
export function explainReflection({ summary }: ReflectionOutput): string {
  const cases = summary.recentCases + summary.similarCases;
  if (cases === 0) return 'no labelled experience yet';
  const { worked, failed } = lessons(summary.forecast, summary.decision, summary.style);
  const lines = [...worked.map((l) => `worked: ${l}`), ...failed.map((l) => `failed: ${l}`)];
  return `${summary.recentCases} recent + ${summary.similarCases} similar cases; ${lines.join('; ') || 'no pattern with enough cases'}`;
}
