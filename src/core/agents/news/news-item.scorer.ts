import { DEFAULT_NEWS_KEYWORDS } from './news-keywords.lexicon';
import { COMMA_TOKEN, STOP_TOKEN, tokenize } from './text.tokenizer';

/** Settings of the `base` score (a subset of the agent's parameters). */
export interface BaseSettings {
  keywordSaturation: number;
  lengthSaturation: number;
  keywordShare: number;
}

/** The default keywords with the strategy's additions and overrides applied. */
export function compileKeywords(overrides: Readonly<Record<string, number>> = {}): ReadonlyMap<string, number> {
  const table = new Map<string, number>(Object.entries(DEFAULT_NEWS_KEYWORDS));
  for (const [word, weight] of Object.entries(overrides)) table.set(word, weight);
  return table;
}

/**
 * How market-moving an item looks, in [0, 1]:
 * `base = keywordShare · min(1, K / keywordSaturation) + (1 − keywordShare) · min(1, L / lengthSaturation)`,
 * where K is the sum of the weights of the distinct keywords in the item and L its word count
 * (headline and body; numbers count as words, punctuation does not).
 */
export function baseScore(tokens: readonly string[], keywords: ReadonlyMap<string, number>, s: BaseSettings): number {
  let words = 0;
  let sum = 0;
  const seen: string[] = [];
  for (const t of tokens) {
    if (t === STOP_TOKEN || t === COMMA_TOKEN) continue;
    words++;
    const w = keywords.get(t);
    if (w !== undefined && w > 0 && !seen.includes(t)) {
      seen.push(t);
      sum += w;
    }
  }
  return s.keywordShare * Math.min(1, sum / s.keywordSaturation) + (1 - s.keywordShare) * Math.min(1, words / s.lengthSaturation);
}

/** What identifies the ticker in text: its cashtag, its symbol in capitals, its names. */
export interface RelevanceMatcher {
  /** Upper-case symbol, e.g. `AAPL`. */
  readonly symbol: string;
  /** Lower-case cashtag token, e.g. `$aapl`. */
  readonly cashtag: string;
  /** Each alias as a token sequence, corporate suffixes removed ("Apple Inc." → ["apple"]). */
  readonly aliases: readonly (readonly string[])[];
}

const CORPORATE_SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'plc', 'holdings', 'group', 'sa', 'ag', 'nv', 'se', 'oyj', 'llc', 'lp', 'the']);

/** Builds the matcher of a symbol and its aliases (company name, brands). */
export function relevanceMatcher(symbol: string, aliases: readonly string[]): RelevanceMatcher {
  const seqs: string[][] = [];
  for (const alias of aliases) {
    const toks = tokenize(alias).filter((t) => t !== STOP_TOKEN && t !== COMMA_TOKEN);
    while (toks.length > 1 && CORPORATE_SUFFIXES.has(toks[toks.length - 1])) toks.pop();
    while (toks.length > 1 && toks[0] === 'the') toks.shift();
    // The symbol itself is matched case-sensitively (below); as an alias it would count twice.
    if (toks.length === 1 && toks[0] === symbol.toLowerCase()) continue;
    if (toks.length > 0 && !seqs.some((s) => s.join(' ') === toks.join(' '))) seqs.push(toks);
  }
  return { symbol: symbol.toUpperCase(), cashtag: `$${symbol.toLowerCase()}`, aliases: seqs };
}

/**
 * Relevance of an item to the ticker, in [0, 1]:
 * - 1 when the headline names it (cashtag `$AAPL`, the symbol in capitals as a word, or an alias);
 * - else 0.5 + 0.1 per further mention in the body, at most 0.8, when only the body names it;
 * - else 0.25 when the feed filed the item under the ticker without the text naming it, 0 otherwise;
 * then divided by (1 + 0.5·c), c = other cashtags in the item (a post about many tickers is
 * less about each). The symbol in capitals counts only from two letters on ("A" is a word).
 */
export function relevanceScore(
  headline: string,
  headlineTokens: readonly string[],
  body: string,
  bodyTokens: readonly string[],
  filedUnder: string,
  m: RelevanceMatcher,
): number {
  const others = new Set<string>();
  const inHeadline = mentions(headline, headlineTokens, m, others);
  const inBody = mentions(body, bodyTokens, m, others);
  let p: number;
  if (inHeadline > 0) p = 1;
  else if (inBody > 0) p = Math.min(0.8, 0.5 + 0.1 * (inBody - 1));
  else p = filedUnder.toUpperCase() === m.symbol ? 0.25 : 0;
  return p / (1 + 0.5 * others.size);
}

/** Counts mentions of the ticker in one text; collects the other cashtags seen. */
function mentions(raw: string, tokens: readonly string[], m: RelevanceMatcher, others: Set<string>): number {
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.charCodeAt(0) === 36) {
      if (t === m.cashtag) count++;
      else others.add(t);
      continue;
    }
    for (const alias of m.aliases) {
      if (alias[0] !== t) continue;
      let k = 1;
      while (k < alias.length && tokens[i + k] === alias[k]) k++;
      if (k === alias.length) {
        count++;
        break;
      }
    }
  }
  return count + capitalisedSymbolCount(raw, m.symbol);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Occurrences of the symbol in capitals as a whole word, not as a cashtag (those are tokens). */
function capitalisedSymbolCount(raw: string, symbol: string): number {
  if (symbol.length < 2 || raw.length === 0) return 0;
  let count = 0;
  let at = raw.indexOf(symbol);
  while (at >= 0) {
    const before = at > 0 ? raw.charCodeAt(at - 1) : 32;
    const after = at + symbol.length < raw.length ? raw.charCodeAt(at + symbol.length) : 32;
    if (!isAlnum(before) && before !== 36 && !isAlnum(after)) count++;
    at = raw.indexOf(symbol, at + symbol.length);
  }
  return count;
}
