import { Action } from '../agents/decision/decision.types';
import { MemoryCase } from '../reflection/memory-case';
import { exchangeKey, ModelExchange } from './model-exchanges';
import { selectPreferencePair } from './preference-pair.selector';
import { decisionAnswerText } from './prompts';
import { actionAt } from './prompt-inputs.from-trace';
import { labelsOf, metadataOf } from './record-metadata.builder';
import { sftVerdict } from './sft-label.filter';
import { PreferenceRecord, SftRecord, SynthAgent, SynthesisOptions, SynthesisRun } from './synthesis.types';
import { BarTrace } from './trace-bars.reader';

type Outcome<R> = { record: R } | { skip: string };

/**
 * The rationale of an answer made from the outcome label, not by a model. It names no reward,
 * return or later price: nothing after the decision reaches a message.
 */
export const LABEL_RATIONALE = 'Label answer: the action comes from the outcome label; no model wrote a rationale for it.';

/**
 * The SFT record of an llm run's agent at a bar: the prompt the model was sent and the answer it
 * gave, under the same label-quality filter as the analytic export. Outputs that fell back to the
 * analytic agent, and bars whose output reused an earlier answer (a report stands until the
 * next one), have no exchange of their own and are left out.
 */
export function modelSftRecord(agent: SynthAgent, bar: BarTrace, run: SynthesisRun, labelled: MemoryCase | null, options: SynthesisOptions): Outcome<SftRecord> {
  const out = bar.outputs[agent];
  if (!out) return { skip: 'no-output' };
  if (out.flags.includes('fallback')) return { skip: 'fallback' };
  const exchange = run.exchanges?.get(exchangeKey(agent, bar.decidedAt));
  if (!exchange) return { skip: 'no-exchange' };
  const verdict = sftVerdict(agent, bar, labelsOf(labelled), options);
  if (!verdict.keep) return { skip: verdict.reason };
  return {
    record: {
      format: 'tradinggroup.sft.v1',
      messages: [
        { role: 'system', content: exchange.system },
        { role: 'user', content: exchange.user },
        { role: 'assistant', content: exchange.answer },
      ],
      metadata: metadataOf(run.info, bar, agent, labelled),
    },
  };
}

/**
 * The preference record of an llm run's decision at a bar, on the prompt the model was sent. The
 * model's own answer is always one side: chosen when its action was the best one (against the
 * lowest-reward action's label answer), else rejected (against the best action's label answer).
 * The rejected-answer policy of analytic exports does not apply.
 */
export function modelPreferenceRecord(bar: BarTrace, run: SynthesisRun, labelled: MemoryCase | null): Outcome<PreferenceRecord> {
  const out = bar.outputs.decision;
  if (!out) return { skip: 'no-output' };
  if (out.flags.includes('fallback')) return { skip: 'fallback' };
  const exchange = run.exchanges?.get(exchangeKey('decision', bar.decidedAt));
  if (!exchange) return { skip: 'no-exchange' };
  const labels = labelsOf(labelled);
  if (labels === null) return { skip: 'unlabelled' };
  const { rewards, best } = labels.decision;
  const taken = actionAt(bar);
  const pair = selectPreferencePair(rewards, best, taken, 'taken');
  if (pair === null) return { skip: 'tie' };
  const modelChosen = taken === best;
  const modelRejected = pair.rejected === taken && !modelChosen;
  return {
    record: {
      format: 'tradinggroup.preference.v1',
      prompt: [
        { role: 'system', content: exchange.system },
        { role: 'user', content: exchange.user },
      ],
      chosen: [{ role: 'assistant', content: modelChosen ? exchange.answer : labelAnswer(pair.chosen) }],
      rejected: [{ role: 'assistant', content: modelRejected ? exchange.answer : labelAnswer(pair.rejected) }],
      chosenAction: pair.chosen,
      rejectedAction: pair.rejected,
      rejectedSource: modelRejected ? 'model' : 'label',
      rewards: { ...rewards },
      margin: pair.margin,
      metadata: metadataOf(run.info, bar, 'decision', labelled),
    },
  };
}

function labelAnswer(action: Action): string {
  return decisionAnswerText({ action, rationale: LABEL_RATIONALE });
}

export type { ModelExchange };
