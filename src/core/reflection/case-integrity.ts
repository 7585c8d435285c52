import { ACTIONS, FORECAST_LABELS, STYLES } from './case-outcomes';
import { MemoryCase, ProvenanceParts } from './memory-case';

/**
 * Why a case must not be retrieved, or null when it is sound: its label claims to be known
 * before the decision, its inputs were published after the decision, or its numbers are
 * malformed or out of range. (Content checksums of stored cases are checked by the store.)
 * `provenance`: the case's inputs, when given as parts rather than in `c.provenance`.
 */
export function caseDefect(c: MemoryCase, featureCount: number, provenance: ProvenanceParts = [c.provenance]): string | null {
  if (!(c.knownAt > c.decidedAt)) return 'label known before the decision';
  const f = c.features;
  if (!Array.isArray(f) || f.length !== featureCount) return 'malformed state features';
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) return 'malformed state features';
  for (const list of provenance) for (let i = 0; i < list.length; i++) if (!(list[i].publishedAt <= c.decidedAt)) return 'uses an input published after the decision';
  const fo = c.forecast?.outcome;
  if (!fo || !(Math.abs(fo.wHit) <= 1 && fo.pTrue >= 0 && fo.pTrue <= 1 && fo.epsilon > 0)) return 'forecast label out of range';
  const { pUp, pDown, pSideways } = c.forecast;
  if (!(unit(pUp) && unit(pDown) && unit(pSideways)) || Math.abs(pUp + pDown + pSideways - 1) > 1e-6) return 'forecast probabilities malformed';
  const d = c.decision?.outcome;
  const r = d?.rewards;
  if (!d || !r || !(Number.isFinite(r.BUY) && Number.isFinite(r.SELL) && Number.isFinite(r.HOLD) && Number.isFinite(d.regret)) || d.regret < -1e-12) return 'decision label malformed';
  if (!STYLES.includes(c.style?.style)) return 'unknown style';
  if (!FORECAST_LABELS.includes(c.forecast.label) || !FORECAST_LABELS.includes(fo.realised)) return 'unknown forecast class';
  if (!ACTIONS.includes(d.chosen) || !ACTIONS.includes(d.best)) return 'unknown action';
  const s = c.decision.signals;
  if (!s || !(finiteOrNull(s.news) && finiteOrNull(s.report) && finiteOrNull(s.forecast))) return 'decision signals malformed';
  return null;
}

function unit(p: number): boolean {
  return p >= 0 && p <= 1;
}

function finiteOrNull(x: number | null): boolean {
  return x === null || Number.isFinite(x);
}
