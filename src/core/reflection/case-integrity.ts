import { Provenance } from '../agents/agent';
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
  for (let k = 0; k < provenance.length; k++) if (!(latestPublished(provenance[k]) <= c.decidedAt)) return 'uses an input published after the decision';
  const fo = c.forecast?.outcome;
  if (!fo || !(Math.abs(fo.wHit) <= 1 && fo.pTrue >= 0 && fo.pTrue <= 1 && fo.epsilon > 0)) return 'forecast label out of range';
  const { pUp, pDown, pSideways } = c.forecast;
  if (!(unit(pUp) && unit(pDown) && unit(pSideways)) || Math.abs(pUp + pDown + pSideways - 1) > 1e-6) return 'forecast probabilities malformed';
  const d = c.decision?.outcome;
  const r = d?.rewards;
  if (!d || !r || !(finiteOrNull(r.BUY) && finiteOrNull(r.SELL) && finiteOrNull(r.HOLD) && Number.isFinite(d.regret)) || d.regret < -1e-12) return 'decision label malformed';
  if (!STYLES.includes(c.style?.style)) return 'unknown style';
  if (!FORECAST_LABELS.includes(c.forecast.label) || !FORECAST_LABELS.includes(fo.realised)) return 'unknown forecast class';
  if (!ACTIONS.includes(d.chosen) || !ACTIONS.includes(d.best)) return 'unknown action';
  const bestReward = r[d.best];
  if (bestReward === null || r[d.chosen] === null) return 'decision label without the reward of its best or chosen action';
  for (const a of ACTIONS) if (r[a] !== null && r[a]! > bestReward + 1e-12) return 'decision label names a best action that is not the best';
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

/**
 * The latest publication instant in a provenance list (NaN if one is not an instant, −∞ when
 * empty). A frozen list cannot change, and the lists a run hands its memory are frozen, their
 * entries too, and shared (a bar's, a session's news, a quarter's report), so theirs is worked
 * out once.
 */
function latestPublished(list: readonly Provenance[]): number {
  if (!Object.isFrozen(list)) return latestOf(list);
  let latest = LATEST.get(list);
  if (latest === undefined) LATEST.set(list, (latest = latestOf(list)));
  return latest;
}

const LATEST = new WeakMap<readonly Provenance[], number>();

function latestOf(list: readonly Provenance[]): number {
  let latest = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const at = list[i].publishedAt;
    if (at <= latest) continue;
    if (!(at > latest)) return NaN; // not comparable: not an instant
    latest = at;
  }
  return latest;
}
