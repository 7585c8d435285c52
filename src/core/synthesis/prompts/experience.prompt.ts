/**
 * The experience summary of the reflective agents (forecast, style, decision) as the paper
 * places it before the agent's reasoning: counts of labelled past cases and the lessons drawn
 * from them. Every case was labelled before the decision (see src/core/reflection/reflector.ts).
 */
export interface ExperiencePromptInput {
  recentCases: number;
  similarCases: number;
  worked: readonly string[];
  failed: readonly string[];
}

/** The experience section of a user message, or null when the agent had no reflection. */
export function experienceSection(e: ExperiencePromptInput | null): string | null {
  if (e === null) return null;
  const cases = e.recentCases + e.similarCases;
  if (cases === 0) return 'Experience from past decisions: no labelled cases yet.';
  const lines = [`Experience from ${e.recentCases} recent and ${e.similarCases} similar labelled past cases:`];
  for (const l of e.worked) lines.push(`- worked: ${l}`);
  for (const l of e.failed) lines.push(`- failed: ${l}`);
  if (e.worked.length + e.failed.length === 0) lines.push('- no pattern with enough cases yet');
  return lines.join('\n');
}
