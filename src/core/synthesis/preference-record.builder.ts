import { Action } from '../agents/decision/decision.types';
import { MemoryCase } from '../reflection/memory-case';
import { buildDecisionPrompt, decisionAnswerText, signedPercent } from './prompts';
import { actionAt, decisionPromptInput } from './prompt-inputs.from-trace';
import { PreferencePair, selectPreferencePair } from './preference-pair.selector';
import { labelsOf, metadataOf } from './record-metadata.builder';
import { PreferenceRecord, RejectedPolicy, SynthesisRunInfo } from './synthesis.types';
import { BarTrace } from './trace-bars.reader';

/** Why a labelled decision bar gives no preference record. */
export type PreferenceSkipReason = 'no-output' | 'unlabelled' | 'tie';

/**
 * The preference record of the decision at a bar: the decision prompt, the best action's answer
 * as chosen and the rejected action's answer, with every action's reward and the margin.
 * Label-derived answers state that they are hindsight labels (docs/synthesis.md); neither side
 * carries a confidence, since a label has none.
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
  return {
    record: {
      format: 'tradinggroup.preference.v1',
      prompt: [
        { role: 'system', content: prompt.system },
        { role: 'user', content: prompt.user },
      ],
      chosen: [
        {
          role: 'assistant',
          content: decisionAnswerText({ action: pair.chosen, rationale: hindsightRationale(pair.chosen, rewards, labels.decision.benchmarkReturn) }),
        },
      ],
      rejected: [{ role: 'assistant', content: rejectedAnswer(pair, bar, rewards, labels.decision.benchmarkReturn) }],
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
 * The rationale of a label-derived answer: the action's reward and every action's reward, marked
 * as a hindsight label so that nobody mistakes it for the model's reasoning.
 */
export function hindsightRationale(action: Action, rewards: Record<Action, number | null>, stockReturn: number): string {
  const all = (['BUY', 'SELL', 'HOLD'] as const).map((a) => `${a} ${signedPercent(rewards[a])}`).join(', ');
  return `Hindsight label, derived from the outcome and not from the model: ${action} earns a reward of ${signedPercent(rewards[action])} to the outcome close (rewards ${all}; the stock returned ${signedPercent(stockReturn)}).`;
}

function rejectedAnswer(pair: PreferencePair, bar: BarTrace, rewards: Record<Action, number | null>, stockReturn: number): string {
  if (pair.rejectedSource === 'model') return decisionAnswerText({ action: pair.rejected, rationale: bar.outputs.decision!.rationale });
  return decisionAnswerText({ action: pair.rejected, rationale: hindsightRationale(pair.rejected, rewards, stockReturn) });
}
