import { ACTIONS, FORECAST_LABELS, STYLES } from './case-outcomes';
import { MemoryCase } from './memory-case';

/**
 * Why a case must not be retrieved, or null when it is sound: its label claims to be known
 * before the decision, its inputs were published after the decision, or its numbers are
 * malformed or out of range. (Content checksums of stored cases are checked by the store.)
 */
export function caseDefect(c: MemoryCase, featureCount: number): string | null {
  if (!(c.knownAt > c.decidedAt)) return 'label known before the decision';
  const f = c.features;
  if (!Array.isArray(f) || f.length !== featureCount) return 'malformed state features';
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) return 'malformed state features';
  for (const p of c.provenance) if (!(p.publishedAt <= c.decidedAt)) return 'uses an input published after the decision';
  const fo = c.forecast?.outcome;
  if (!fo || !(Math.abs(fo.wHit) <= 1 && fo.pTrue >= 0 && fo.pTrue <= 1 && fo.epsilon > 0)) return 'forecast label out of range';
  const probs = [c.forecast.pUp, c.forecast.pDown, c.forecast.pSideways];
  if (!probs.every((p) => p >= 0 && p <= 1) || Math.abs(probs[0] + probs[1] + probs[2] - 1) > 1e-6) return 'forecast probabilities malformed';
  const d = c.decision?.outcome;
  if (!d || ![d.rewards.BUY, d.rewards.SELL, d.rewards.HOLD, d.regret].every(Number.isFinite) || d.regret < -1e-12) return 'decision label malformed';
  if (!STYLES.includes(c.style?.style)) return 'unknown style';
  if (!FORECAST_LABELS.includes(c.forecast.label) || !FORECAST_LABELS.includes(fo.realised)) return 'unknown forecast class';
  if (!ACTIONS.includes(d.chosen) || !ACTIONS.includes(d.best)) return 'unknown action';
  const s = c.decision.signals;
  if (!s || ![s.news, s.report, s.forecast].every((x) => x === null || Number.isFinite(x))) return 'decision signals malformed';
  return null;
}
