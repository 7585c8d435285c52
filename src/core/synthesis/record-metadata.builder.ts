import { MemoryCase } from '../reflection/memory-case';
import { RecordLabels, RecordMetadata, SynthAgent, SynthesisRunInfo } from './synthesis.types';
import { BarTrace } from './trace-bars.reader';

/**
 * The labels of a memory case, or null when any of its numbers is not finite (such a case
 * cannot vouch for a record).
 */
export function labelsOf(c: MemoryCase | null): RecordLabels | null {
  if (c === null) return null;
  const f = c.forecast.outcome;
  const d = c.decision.outcome;
  const numbers = [f.pct, f.epsilon, f.pTrue, f.wHit, d.rewards[d.best], d.rewards[d.chosen], d.regret, d.benchmarkReturn];
  if (!numbers.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  // An action the agent could not take in that state has no reward (null).
  if (![d.rewards.BUY, d.rewards.SELL, d.rewards.HOLD].every((x) => x === null || Number.isFinite(x))) return null;
  return {
    forecast: { predicted: c.forecast.label, realised: f.realised, pct: f.pct, epsilon: f.epsilon, signOk: f.signOk, pTrue: f.pTrue, wHit: f.wHit },
    decision: {
      rewards: { BUY: d.rewards.BUY, SELL: d.rewards.SELL, HOLD: d.rewards.HOLD },
      best: d.best,
      chosen: d.chosen,
      regret: d.regret,
      benchmarkReturn: d.benchmarkReturn,
    },
  };
}

/** The metadata of a record about `agent` at `bar`; `labelled` is the bar's case when its labels are usable. */
export function metadataOf(info: SynthesisRunInfo, bar: BarTrace, agent: SynthAgent, labelled: MemoryCase | null): RecordMetadata {
  const labels = labelsOf(labelled);
  return {
    run: info.runId,
    symbol: info.symbol,
    strategy: info.strategy,
    mode: info.mode,
    agent,
    barIndex: bar.barIndex,
    date: bar.date,
    decidedAt: new Date(bar.decidedAt).toISOString(),
    knownAt: labels === null || labelled === null ? null : new Date(labelled.knownAt).toISOString(),
    labels,
    dataHashes: { ...info.dataHashes },
    engineVersion: info.engineVersion,
    paramsHash: info.paramsHash,
    resultHash: info.resultHash,
  };
}
