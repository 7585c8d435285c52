import { CompiledLexicon, LexEntry } from './lexicon.compiler';
import { COMMA_TOKEN, NUM_TOKEN, STOP_TOKEN } from './text.tokenizer';

/** A lexicon term found in a token stream, with what the scoring rules need to know about it. */
export interface LexUnit {
  entry: LexEntry;
  /** Content-word index (fillers and numbers do not count). */
  dist: number;
  clause: number;
  /** Inside a negator's scope. */
  negated: boolean;
  /** Set once the unit was used as a direction or as a direction's quantity. */
  used: boolean;
  /** The unit it was paired with (direction ↔ quantity), or −1. */
  partner: number;
  /** Signed contribution to the raw score (0 = none). */
  contribution: number;
}

/**
 * Finds the lexicon terms of a token stream (longest phrase first at each position), numbering
 * content words and clauses and marking negation: a negator flips the next `negationWindow`
 * content words up to a comma or a clause break; a negator inside another's scope cancels it.
 * Negators, clause breaks and fillers are consumed here and produce no unit.
 */
export function matchUnits(tokens: readonly string[], lexicon: CompiledLexicon, negationWindow: number): LexUnit[] {
  const units: LexUnit[] = [];
  let dist = 0;
  let clause = 0;
  let negateUntil = -1;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i];
    if (tok === STOP_TOKEN || tok === COMMA_TOKEN) {
      if (tok === STOP_TOKEN) clause++;
      negateUntil = -1;
      i++;
      continue;
    }
    if (tok === NUM_TOKEN) {
      i++;
      continue;
    }
    let entry: LexEntry | undefined;
    let span = 1;
    const candidates = lexicon.phrases.get(tok);
    if (candidates) {
      for (const p of candidates) {
        if (matchesAt(tokens, i + 1, p.rest)) {
          entry = p.entry;
          span = 1 + p.rest.length;
          break;
        }
      }
    }
    if (!entry) entry = lexicon.words.get(tok);
    i += span;
    if (entry?.filler) continue;
    dist++;
    if (!entry) continue;
    if (entry.clauseBreak) {
      clause++;
      negateUntil = -1;
      continue;
    }
    const negated = dist <= negateUntil;
    if (entry.negator) {
      negateUntil = negated ? -1 : dist + negationWindow;
      continue;
    }
    units.push({ entry, dist, clause, negated, used: false, partner: -1, contribution: 0 });
  }
  return units;
}

function matchesAt(tokens: readonly string[], at: number, rest: readonly string[]): boolean {
  if (at + rest.length > tokens.length) return false;
  for (let k = 0; k < rest.length; k++) if (tokens[at + k] !== rest[k]) return false;
  return true;
}
