/**
 * Reflection notes read one after another repeat most of their text: the same lessons, with counts
 * that move a little. This digest keeps what a reader needs: for every note, the lessons whose
 * verdict changed since the previous note, that appeared or that were dropped, and a tally of how
 * often each lesson worked or failed over the run.
 *
 * A note is read as clauses separated by "; "; a clause "worked: …" or "failed: …" is a lesson,
 * named by its words before the first number ("news signal pointed the right way 10 of 21 times"
 * is the lesson "news signal pointed the right way"). A note without such clauses has no lessons
 * and is shown as it is.
 */

export type Verdict = 'worked' | 'failed';

export interface Lesson {
  name: string;
  verdict: Verdict;
  /** The clause without its verdict, numbers included. */
  detail: string;
}

export interface LessonChange {
  name: string;
  kind: 'new' | 'flipped' | 'dropped';
  /** The verdict before (flipped, dropped). */
  from?: Verdict;
  /** The verdict now (new, flipped). */
  to?: Verdict;
  /** The clause now (new, flipped), or the last one seen (dropped). */
  detail: string;
}

export interface DigestedNote {
  /** Clauses that are not lessons (e.g. how many cases were read). */
  context: string[];
  lessons: Lesson[];
  /** Against the previous note; every lesson counts as new in the first note. */
  changes: LessonChange[];
}

export interface LessonTally {
  name: string;
  worked: number;
  failed: number;
  /** How often its verdict changed from one note naming it to the next. */
  flips: number;
  /** The verdict and clause of the last note that named it. */
  last: Lesson;
}

export interface ReflectionDigest {
  notes: DigestedNote[];
  /** Lessons by how many notes name them, most first. */
  tally: LessonTally[];
}

const LESSON = /^(worked|failed):\s*(.+)$/;

export function parseReflectionNote(text: string): { context: string[]; lessons: Lesson[] } {
  const context: string[] = [];
  const lessons: Lesson[] = [];
  for (const raw of text.split(/;\s+/)) {
    const clause = raw.trim();
    if (!clause) continue;
    const m = LESSON.exec(clause);
    if (m) lessons.push({ name: lessonName(m[2]), verdict: m[1] as Verdict, detail: m[2] });
    else context.push(clause);
  }
  return { context, lessons };
}

/** The clause's words before its first number, without a dangling "of", "by" or "at". */
export function lessonName(detail: string): string {
  const words = detail.replace(/\s*[-+−]?\d.*$/, '').replace(/\s+(of|by|at|in)$/, '').trim();
  return words || detail.replace(/\d+(\.\d+)?/g, '#');
}

export function digestReflections(texts: readonly string[]): ReflectionDigest {
  const notes: DigestedNote[] = [];
  const tally = new Map<string, LessonTally>();
  let previous = new Map<string, Lesson>();
  for (const text of texts) {
    const { context, lessons } = parseReflectionNote(text);
    const now = new Map(lessons.map((l) => [l.name, l]));
    const changes: LessonChange[] = [];
    for (const l of lessons) {
      const before = previous.get(l.name);
      if (!before) changes.push({ name: l.name, kind: 'new', to: l.verdict, detail: l.detail });
      else if (before.verdict !== l.verdict) changes.push({ name: l.name, kind: 'flipped', from: before.verdict, to: l.verdict, detail: l.detail });
      const t = tally.get(l.name) ?? { name: l.name, worked: 0, failed: 0, flips: 0, last: l };
      if (t.worked + t.failed > 0 && t.last.verdict !== l.verdict) t.flips++;
      t[l.verdict]++;
      t.last = l;
      tally.set(l.name, t);
    }
    for (const [name, before] of previous) {
      if (!now.has(name)) changes.push({ name, kind: 'dropped', from: before.verdict, detail: before.detail });
    }
    notes.push({ context, lessons, changes });
    previous = now;
  }
  const sorted = [...tally.values()].sort((a, b) => b.worked + b.failed - (a.worked + a.failed) || a.name.localeCompare(b.name));
  return { notes, tally: sorted };
}
