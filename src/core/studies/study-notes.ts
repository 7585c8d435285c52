import type { StudyResult } from './study-result';

/** A note of a study's runs, with how many runs made it and which strategies and symbols they were. */
export interface StudyNote {
  text: string;
  runs: number;
  strategies: string[];
  symbols: string[];
}

/**
 * The notes of a study's runs, each text once, the most frequent first: a strategy that lacked
 * its inputs on every window (no news for a symbol) is said once with its count, not hidden
 * behind a table of metrics.
 */
export function studyNotes(results: ReadonlyArray<Pick<StudyResult, 'strategy' | 'symbol' | 'notes'>>): StudyNote[] {
  const byText = new Map<string, { runs: number; strategies: Set<string>; symbols: Set<string> }>();
  for (const r of results) {
    for (const text of new Set(r.notes)) {
      let note = byText.get(text);
      if (!note) byText.set(text, (note = { runs: 0, strategies: new Set(), symbols: new Set() }));
      note.runs++;
      note.strategies.add(r.strategy);
      note.symbols.add(r.symbol);
    }
  }
  return [...byText]
    .map(([text, n]) => ({ text, runs: n.runs, strategies: [...n.strategies].sort(), symbols: [...n.symbols].sort() }))
    .sort((a, b) => b.runs - a.runs || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}
