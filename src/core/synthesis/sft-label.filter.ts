import { RecordLabels, SynthAgent, SynthesisOptions } from './synthesis.types';
import { BarTrace } from './trace-bars.reader';

/** Why a bar's output of an agent does not become an SFT record. */
export type SftFilterReason =
  'no-output' | 'warmup' | 'no-data' | 'unlabelled' | 'w-hit-below-min' | 'not-best-action' | 'regret-above-max' | 'negative-reward';

/** Keep the record, or leave it out for a reason. */
export type SftVerdict = { keep: true } | { keep: false; reason: SftFilterReason };

const KEEP: SftVerdict = { keep: true };
const drop = (reason: SftFilterReason): SftVerdict => ({ keep: false, reason });

/**
 * The label-quality filter of SFT records (docs/synthesis.md):
 * - every agent: an output flagged `warmup` (features not ready, or an untrained model) is left out;
 * - news and report (not labelled by the paper): kept unless flagged `no_data`;
 * - forecast: needs the bar's labels and w_hit ≥ `minWHit`;
 * - decision: needs the labels and the chosen action to be the best one, or, with `maxRegret`,
 *   regret ≤ `maxRegret`;
 * - style: needs the labels and a non-negative reward of the action the decision took that day.
 */
export function sftVerdict(
  agent: SynthAgent,
  bar: BarTrace,
  labels: RecordLabels | null,
  options: Pick<SynthesisOptions, 'minWHit' | 'maxRegret'>,
): SftVerdict {
  const out = bar.outputs[agent];
  if (!out) return drop('no-output');
  if (out.flags.includes('warmup')) return drop('warmup');
  if (agent === 'news' || agent === 'report') return out.flags.includes('no_data') ? drop('no-data') : KEEP;
  if (labels === null) return drop('unlabelled');
  const d = labels.decision;
  if (agent === 'forecast') return labels.forecast.wHit >= options.minWHit ? KEEP : drop('w-hit-below-min');
  if (agent === 'decision') {
    if (options.maxRegret === null) return d.chosen === d.best ? KEEP : drop('not-best-action');
    return d.regret <= options.maxRegret ? KEEP : drop('regret-above-max');
  }
  return (d.rewards[d.chosen] ?? -Infinity) >= 0 ? KEEP : drop('negative-reward');
}
