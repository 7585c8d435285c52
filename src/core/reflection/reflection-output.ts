import { ExperienceSummary, lessons } from './experience-summary';
import { ReflectionAdjustments } from './reflection-adjustments';

/** What reflection contributes to a decision: the experience summary and what it changes. */
export interface ReflectionOutput {
  summary: ExperienceSummary;
  adjustments: ReflectionAdjustments;
}

/** How many cases the summary drew on and the lessons their counts teach. */
export function explainReflection({ summary }: ReflectionOutput): string {
  const cases = summary.recentCases + summary.similarCases;
  if (cases === 0) return 'no labelled experience yet';
  const { worked, failed } = lessons(summary.forecast, summary.decision, summary.style);
  const lines = [...worked.map((l) => `worked: ${l}`), ...failed.map((l) => `failed: ${l}`)];
  return `${summary.recentCases} recent + ${summary.similarCases} similar cases; ${lines.join('; ') || 'no pattern with enough cases'}`;
}
