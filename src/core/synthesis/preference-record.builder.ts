import { MemoryCase } from '../reflection/memory-case';
import { buildDecisionPrompt, decisionAnswerText, DecisionPromptInput, positionText, signed } from './prompts';
import { actionAt, decisionPromptInput } from './prompt-inputs.from-trace';
import { PreferencePair, selectPreferencePair } from './preference-pair.selector';
import { labelsOf, metadataOf } from './record-metadata.builder';
import { PreferenceRecord, RejectedPolicy, SynthesisRunInfo } from './synthesis.types';
import { BarTrace } from './trace-bars.reader';

/** Why a labelled decision bar gives no preference record. */
export type PreferenceSkipReason = 'no-output' | 'unlabelled' | 'tie';

/**
 * The preference record of the decision at a bar: the decision prompt, the best action's answer
 * as chosen and the rejected action's answer. Which action is preferred is the label; the
 * messages hold nothing known only after the decision: a label-derived answer is the action
 * with a rationale that restates the signals the prompt shows (the same on both sides, so a
 * pair differs in its action), and every reward stays in the metadata (and the record's
 * `rewards` and `margin`). Neither side carries a confidence, since a label has none.
 */
export function buildPreferenceRecord(
  bar: BarTrace,
  info: SynthesisRunInfo,
  labelled: MemoryCase | null,
  policy: RejectedPolicy,
): { record: PreferenceRecord } | { skip: PreferenceSkipReason } {
  const input = decisionPromptInput(bar, info.symbol);
  if (input === null) return { skip: 'no-output' };
  const labels = labelsOf(labelled);
  if (labels === null) return { skip: 'unlabelled' };
  const { rewards, best } = labels.decision;
  const pair = selectPreferencePair(rewards, best, actionAt(bar), policy);
  if (pair === null) return { skip: 'tie' };
  const prompt = buildDecisionPrompt(input);
  const rationale = signalsRationale(input);
  return {
    record: {
      format: 'tradinggroup.preference.v1',
      prompt: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
      chosen: [{ role: 'assistant', content: decisionAnswerText({ action: pair.chosen, rationale }) }],
      rejected: [{ role: 'assistant', content: rejectedAnswer(pair, bar, rationale) }],
      chosenAction: pair.chosen,
      rejectedAction: pair.rejected,
      rejectedSource: pair.rejectedSource,
      rewards: { ...rewards },
      margin: pair.margin,
      metadata: metadataOf(info, bar, 'decision', labelled),
    },
  };
}

/**
 * The rationale of a label-derived answer: the signals, style and position the prompt shows,
 * in one sentence. It is written from the decision's inputs alone, never from the outcome.
 */
export function signalsRationale(input: DecisionPromptInput): string {
  const f = input.forecast;
  const signal = (s: DecisionPromptInput['news']) => (s === null ? 'switched off' : s.available ? signed(s.value) : 'no data');
  return (
    `Signals at the close: forecast ${f.label} (${signed(f.value)}), news ${signal(input.news)}, financial report ${signal(input.report)}; ` +
    `${input.style} style, position ${positionText(input.position)}.`
  );
}

function rejectedAnswer(pair: PreferencePair, bar: BarTrace, rationale: string): string {
  if (pair.rejectedSource === 'model') return decisionAnswerText({ action: pair.rejected, rationale: bar.outputs.decision!.rationale });
  return decisionAnswerText({ action: pair.rejected, rationale });
}
