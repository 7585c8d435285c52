import {
  BAD_OBJECTS,
  CLAUSE_BREAKS,
  CONTRAST_MARKERS,
  DOWN_WORDS,
  GOOD_OBJECTS,
  INTENSIFIERS,
  NEGATORS,
  NEGATIVE_TERMS,
  NEUTRAL_PHRASES,
  POSITIVE_TERMS,
  TermGroup,
  UP_WORDS,
} from './finance.lexicon';

/** Everything the scorer knows about one word or phrase. Roles combine (e.g. "growth"). */
export interface LexEntry {
  /** The term as written in text ("net loss"). */
  readonly term: string;
  /** Standalone sentiment weight, signed (0 = none). */
  polarity: number;
  /** Directional weight, signed: > 0 up, < 0 down (0 = not directional). */
  direction: number;
  /** Financial quantity: +1 good when it rises, −1 bad when it rises, 0 none. */
  object: number;
  /** Multiplier applied to the neighbouring sentiment term (1 = none). */
  scale: number;
  negator: boolean;
  clauseBreak: boolean;
  contrast: boolean;
  /** Filler for distances: articles, prepositions, units. */
  filler: boolean;
}

/** A multi-word term, keyed in {@link CompiledLexicon.phrases} by its first word. */
export interface PhraseEntry {
  /** Words after the first. */
  readonly rest: readonly string[];
  readonly entry: LexEntry;
}

/** The lexicon as look-up tables, built once. */
export interface CompiledLexicon {
  readonly words: ReadonlyMap<string, LexEntry>;
  /** Phrases by first word, longest first. */
  readonly phrases: ReadonlyMap<string, readonly PhraseEntry[]>;
}

/** Words skipped when measuring how far a direction is from its quantity. */
const FILLERS = 'the a an of its their his her our by to in at for from per cent percent pct eur usd euro euros dollars mn m mln million millions billion bn year quarter period';

/** The lists a lexicon is compiled from (the finance lexicon by default). */
export interface LexiconSource {
  positive: readonly TermGroup[];
  negative: readonly TermGroup[];
  goodObjects: string;
  badObjects: string;
  up: readonly TermGroup[];
  down: readonly TermGroup[];
  negators: string;
  intensifiers: readonly TermGroup[];
  clauseBreaks: string;
  contrastMarkers: string;
  neutralPhrases: string;
}

export const FINANCE_LEXICON_SOURCE: LexiconSource = {
  positive: POSITIVE_TERMS,
  negative: NEGATIVE_TERMS,
  goodObjects: GOOD_OBJECTS,
  badObjects: BAD_OBJECTS,
  up: UP_WORDS,
  down: DOWN_WORDS,
  negators: NEGATORS,
  intensifiers: INTENSIFIERS,
  clauseBreaks: CLAUSE_BREAKS,
  contrastMarkers: CONTRAST_MARKERS,
  neutralPhrases: NEUTRAL_PHRASES,
};

/** Turns the word lists into a word map and a phrase map (by first word, longest first). */
export function compileLexicon(source: LexiconSource = FINANCE_LEXICON_SOURCE): CompiledLexicon {
  const words = new Map<string, LexEntry>();
  const phrases = new Map<string, PhraseEntry[]>();

  const entryOf = (key: string): LexEntry => {
    const parts = key.split('_');
    if (parts.length === 1) {
      let e = words.get(key);
      if (!e) words.set(key, (e = blank(key)));
      return e;
    }
    const list = phrases.get(parts[0]) ?? [];
    phrases.set(parts[0], list);
    const rest = parts.slice(1);
    const found = list.find((p) => p.rest.join(' ') === rest.join(' '));
    if (found) return found.entry;
    const entry = blank(parts.join(' '));
    list.push({ rest, entry });
    return entry;
  };
  const each = (terms: string, apply: (e: LexEntry) => void): void => {
    for (const t of terms.split(/\s+/)) if (t) apply(entryOf(t));
  };

  for (const [w, terms] of source.positive) each(terms, (e) => (e.polarity = w));
  for (const [w, terms] of source.negative) each(terms, (e) => (e.polarity = -w));
  for (const [w, terms] of source.up) each(terms, (e) => (e.direction = w));
  for (const [w, terms] of source.down) each(terms, (e) => (e.direction = -w));
  each(source.goodObjects, (e) => (e.object = 1));
  each(source.badObjects, (e) => (e.object = -1));
  each(source.negators, (e) => (e.negator = true));
  for (const [w, terms] of source.intensifiers) each(terms, (e) => (e.scale = w));
  each(source.clauseBreaks, (e) => (e.clauseBreak = true));
  each(source.contrastMarkers, (e) => (e.contrast = true));
  each(source.neutralPhrases, () => undefined);
  each(FILLERS, (e) => (e.filler = true));

  for (const list of phrases.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return { words, phrases };
}

function blank(term: string): LexEntry {
  return { term, polarity: 0, direction: 0, object: 0, scale: 1, negator: false, clauseBreak: false, contrast: false, filler: false };
}

/** The finance lexicon, compiled once when the module loads. */
export const FINANCE_LEXICON: CompiledLexicon = compileLexicon();
