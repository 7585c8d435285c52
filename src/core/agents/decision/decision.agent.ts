import { Agent, AgentOutput, explained } from '../agent';
import { DecisionParams } from './decision.params';
import { Action, Decision, DecisionInput, SignalContribution } from './decision.types';

/**
 * Fuses the signals into BUY / SELL / HOLD: a weighted mean of the available signals (news
 * sentiment, report score, forecast P(up) − P(down)) against style-dependent thresholds. The
 * forecast counts for its weight times its measured skill (its Brier skill score so far, in
 * [0, 1]); the mean is over the weights, so a forecast without skill pulls the score towards 0
 * rather than being scaled back up.
 * Long only: BUY when flat and the score clears the buy threshold, SELL a long when it falls
 * below minus the sell threshold, HOLD otherwise.
 */
export class DecisionAgent implements Agent<DecisionInput, Decision> {
  readonly name = 'decision' as const;

  constructor(private readonly params: DecisionParams) {}

  run(input: DecisionInput): AgentOutput<Decision> {
    const w = this.params.weights;
    const adj = input.weightAdjustments ?? {};
    const contributions: SignalContribution[] = [
      contribution('forecast', input.forecast.value, w.forecast + (adj.forecast ?? 0), true, input.forecast.skill),
      contribution('news', input.news?.value ?? 0, w.news + (adj.news ?? 0), input.news?.available ?? false, 1),
      contribution('report', input.report?.value ?? 0, w.report + (adj.report ?? 0), input.report?.available ?? false, 1),
    ];
    let sum = 0;
    let weight = 0;
    for (const c of contributions) {
      if (!c.used) continue;
      sum += c.value * c.weight * c.reliability;
      weight += c.weight;
    }
    const score = weight > 0 ? sum / weight : 0;
    const flat = input.position === 0;
    const threshold = flat ? this.params.buyThreshold[input.style] : this.params.sellThreshold[input.style];
    let action: Action = 'HOLD';
    if (flat && score >= threshold) action = 'BUY';
    else if (input.position > 0 && score <= -threshold) action = 'SELL';
    const confidence = Math.min(1, Math.abs(score));
    const data: Decision = { action, position: input.position, confidence, score, threshold, style: input.style, contributions };
    return explained('decision', data, explainDecision, [{ kind: 'account', ref: 'position', publishedAt: input.time }]);
  }
}

/** The action, the fused score against its threshold, and each used signal with its weight. */
export function explainDecision(d: Decision): string {
  const used = d.contributions.filter((c) => c.used).map((c) => `${c.source} ${signed(c.value)}×${c.weight.toFixed(2)}${c.reliability < 1 ? `×skill ${c.reliability.toFixed(2)}` : ''}`);
  return `${d.action}: score ${signed(d.score)} vs ${d.position === 0 ? 'buy' : 'sell'} threshold ${d.threshold.toFixed(2)} (${d.style}); ${used.join(', ')}`;
}

function contribution(source: SignalContribution['source'], value: number, weight: number, used: boolean, reliability: number): SignalContribution {
  const r = Number.isFinite(reliability) ? Math.max(0, Math.min(1, reliability)) : 0;
  return { source, value: Math.max(-1, Math.min(1, value)), weight: Math.max(0, weight), used: used && weight > 0, reliability: r };
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}
