/**
 * What the model's reflection taught an agent, placed in its next prompts: the text, how many
 * labelled cases it was written from, and the latest instant any of them became known.
 */
export interface Lessons {
  text: string;
  cases: number;
  knownBy: number;
}

/** The experience section of a prompt: the lessons, or a line saying there are none yet. */
export function lessonsSection(lessons: Lessons | null, reflecting: boolean): string {
  if (!reflecting) return '';
  if (lessons === null) return 'Lessons from your past decisions: none yet (not enough labelled cases).';
  return `Lessons from your past decisions (written from ${lessons.cases} labelled cases, all known before today):\n${lessons.text}`;
}
