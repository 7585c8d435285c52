import { CompiledLexicon, FINANCE_LEXICON } from './lexicon.compiler';
import { LexUnit, matchUnits } from './lexicon.matcher';
import { tokenize } from './text.tokenizer';

/** Sentiment of one text. */
export interface SentimentScore {
  /** In [-1, 1]; 0 when no sentiment term was found. */
  score: number;
  label: 'positive' | 'neutral' | 'negative';
  /** The terms that counted, in text order, each with the sign it contributed ("+profit rose"). */
  hits: string[];
}

/** Tuning of the scorer; the defaults are the documented finance settings. */
export interface ScorerSettings {
  /** Content words a direction looks back for its quantity ("profit ... rose"). */
  lookBack: number;
  /** Content words a direction looks ahead for its quantity ("increase in sales"). */
  lookAhead: number;
  /** Content words after a negator that it flips. */
  negationWindow: number;
  /** Weight of a directional word with no quantity nearby, relative to its own weight. */
  directionAlone: number;
  /** Squash constant: score = raw / sqrt(raw² + alpha). */
  alpha: number;
  /** |score| below this is neutral. */
  neutralBand: number;
}

export const DEFAULT_SCORER_SETTINGS: ScorerSettings = {
  lookBack: 4,
  lookAhead: 3,
  negationWindow: 3,
  directionAlone: 0.5,
  alpha: 4,
  neutralBand: 0.2,
};

/** Scores a text: see {@link scoreTokens}. Deterministic, offline, pure. */
export function scoreSentiment(text: string, lexicon: CompiledLexicon = FINANCE_LEXICON, settings: ScorerSettings = DEFAULT_SCORER_SETTINGS): SentimentScore {
  return scoreTokens(tokenize(text), lexicon, settings);
}

/**
 * Lexicon sentiment of a token stream (from {@link tokenize}):
 * 1. terms are looked up (longest phrase first); negators flip the next `negationWindow`
 *    content words up to a comma or clause break;
 * 2. each directional word (right to left) takes the nearest free financial quantity of its
 *    clause, at most `lookBack` content words before or `lookAhead` after (a tie goes to the one
 *    before): it contributes direction × quantity sign, so "costs rose" is bad and "net loss
 *    narrowed" good;
 * 3. other terms contribute their own weight, reversed after a comparison marker
 *    ("compared with a loss"); a direction with no quantity counts `directionAlone` of its weight;
 * 4. intensifiers next to a term scale it; raw = Σ contributions,
 *    score = raw / sqrt(raw² + alpha), neutral when |score| < neutralBand.
 */
export function scoreTokens(tokens: readonly string[], lexicon: CompiledLexicon = FINANCE_LEXICON, settings: ScorerSettings = DEFAULT_SCORER_SETTINGS): SentimentScore {
  const units = evaluate(tokens, lexicon, settings);
  const score = squash(units, settings);
  const hits: string[] = [];
  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    if (unit.contribution === 0) continue;
    const p = unit.partner;
    const terms = p < 0 ? unit.entry.term : p < u ? `${units[p].entry.term} ${unit.entry.term}` : `${unit.entry.term} ${units[p].entry.term}`;
    hits.push(`${unit.contribution > 0 ? '+' : '-'}${unit.negated ? 'not ' : ''}${terms}`);
  }
  const label = score >= settings.neutralBand ? 'positive' : score <= -settings.neutralBand ? 'negative' : 'neutral';
  return { score, label, hits };
}

/** The score of {@link scoreTokens} alone, without building the hit list (the agent's hot path). */
export function sentimentOfTokens(tokens: readonly string[], lexicon: CompiledLexicon = FINANCE_LEXICON, settings: ScorerSettings = DEFAULT_SCORER_SETTINGS): number {
  return squash(evaluate(tokens, lexicon, settings), settings);
}

function squash(units: readonly LexUnit[], settings: ScorerSettings): number {
  let raw = 0;
  for (const unit of units) raw += unit.contribution;
  return raw === 0 ? 0 : raw / Math.sqrt(raw * raw + settings.alpha);
}

/** Applies the rules: pairs directions with quantities (right to left), then scores the rest. */
function evaluate(tokens: readonly string[], lexicon: CompiledLexicon, settings: ScorerSettings): LexUnit[] {
  const units = matchUnits(tokens, lexicon, settings.negationWindow);
  for (let u = units.length - 1; u >= 0; u--) {
    const unit = units[u];
    if (unit.used || unit.entry.direction === 0) continue;
    const target = quantityFor(units, u, settings);
    if (target < 0) continue;
    const quantity = units[target];
    unit.used = quantity.used = true;
    unit.partner = target;
    quantity.partner = u;
    const sign = unit.negated || quantity.negated ? -1 : 1;
    unit.contribution = sign * unit.entry.direction * quantity.entry.object * scaleAround(units, u);
  }
  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    if (unit.used) continue;
    const e = unit.entry;
    const weight = e.polarity !== 0 ? e.polarity : e.direction * settings.directionAlone;
    if (weight === 0) continue;
    const sign = (unit.negated ? -1 : 1) * (afterContrast(units, u) ? -1 : 1);
    unit.contribution = sign * weight * scaleAround(units, u);
  }
  return units;
}

/** Index of the quantity a direction attaches to, or −1: nearest before (ties) or after, same clause. */
function quantityFor(units: LexUnit[], u: number, s: ScorerSettings): number {
  const { dist, clause } = units[u];
  let back = -1;
  for (let v = u - 1; v >= 0 && units[v].clause === clause && dist - units[v].dist <= s.lookBack; v--) {
    if (units[v].entry.object !== 0 && !units[v].used) {
      back = v;
      break;
    }
  }
  let ahead = -1;
  for (let v = u + 1; v < units.length && units[v].clause === clause && units[v].dist - dist <= s.lookAhead; v++) {
    if (units[v].entry.object !== 0 && !units[v].used) {
      ahead = v;
      break;
    }
  }
  if (back < 0) return ahead;
  if (ahead < 0) return back;
  return dist - units[back].dist <= units[ahead].dist - dist ? back : ahead;
}

/** Product of the intensifiers right before (up to two words) or right after a unit. */
function scaleAround(units: LexUnit[], u: number): number {
  const { dist, clause } = units[u];
  let scale = 1;
  for (let v = u - 1; v >= 0 && units[v].clause === clause && dist - units[v].dist <= 2; v--) scale *= units[v].entry.scale;
  const next = units[u + 1];
  if (next && next.clause === clause && next.dist === dist + 1) scale *= next.entry.scale;
  return scale;
}

/** Whether a comparison marker ("compared with", "from a") precedes the unit within three words. */
function afterContrast(units: LexUnit[], u: number): boolean {
  const { dist, clause } = units[u];
  for (let v = u - 1; v >= 0 && units[v].clause === clause && dist - units[v].dist <= 3; v--) if (units[v].entry.contrast) return true;
  return false;
}
