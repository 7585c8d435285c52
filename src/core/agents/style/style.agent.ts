import { Agent, AgentOutput, explained, NO_FLAGS, WARMUP_FLAGS } from '../agent';
import { StyleParams } from './style.params';
import { StyleChoice, StyleInput, StyleRule } from './style.types';

/**
 * Picks the trading style from the account, the position and the volatility regime:
 * conservative after a drawdown, with an open position losing beyond a threshold, after a losing
 * stretch or in turbulent markets; aggressive after gains in calm markets (and not while the
 * position is losing); balanced otherwise. Reflection may tilt the thresholds (`input.tilt`).
 */
export class StyleAgent implements Agent<StyleInput, StyleChoice> {
  readonly name = 'style' as const;

  constructor(private readonly params: StyleParams) {}

  run(input: StyleInput): AgentOutput<StyleChoice> {
    const p = this.params;
    const tilt = input.tilt ?? 0;
    const { drawdown, recentReturn, volatilityRatio, position } = input;
    const unrealizedReturn = position !== 0 && Number.isFinite(input.unrealizedReturn) ? input.unrealizedReturn : 0;
    // Without a volatility regime yet, its rules cannot fire: no turbulence to avoid, no calm to exploit.
    const known = volatilityRatio !== null;
    let style: StyleChoice['style'] = 'balanced';
    let rule: StyleRule = 'none';
    if (drawdown <= p.conservativeDrawdown * (1 + tilt)) [style, rule] = ['conservative', 'drawdown'];
    else if (position !== 0 && unrealizedReturn <= p.conservativeOpenLoss) [style, rule] = ['conservative', 'open loss'];
    else if (known && volatilityRatio >= p.conservativeVolatilityRatio) [style, rule] = ['conservative', 'volatility'];
    else if (recentReturn <= p.conservativeRecentReturn) [style, rule] = ['conservative', 'recent loss'];
    else if (recentReturn >= p.aggressiveRecentReturn * (1 - tilt) && drawdown >= p.aggressiveMaxDrawdown && known && volatilityRatio <= p.aggressiveVolatilityRatio && unrealizedReturn >= 0) {
      [style, rule] = ['aggressive', 'calm gains'];
    }
    const reason = styleReason(rule, drawdown, recentReturn, volatilityRatio, unrealizedReturn);
    const data: StyleChoice = { style, rule, reason, drawdown, recentReturn, volatilityRatio, position, unrealizedReturn };
    const provenance = [{ kind: 'account' as const, ref: 'equity curve and position', publishedAt: input.time }];
    return explained('style', data, explainStyle, provenance, known ? NO_FLAGS : WARMUP_FLAGS);
  }
}

export function explainStyle(s: StyleChoice): string {
  return `${s.style}: ${s.reason}`;
}

/** The reason a rule gives, from the numbers it read (a pure function: trace columns write it again from them). */
export function styleReason(rule: StyleRule, drawdown: number, recentReturn: number, volatilityRatio: number | null, unrealizedReturn = 0): string {
  switch (rule) {
    case 'open loss':
      return `open position ${pct(unrealizedReturn)}`;
    case 'drawdown':
      return `drawdown ${pct(drawdown)}`;
    case 'volatility':
      return `volatility ×${volatilityRatio!.toFixed(2)}`;
    case 'recent loss':
      return `recent return ${pct(recentReturn)}`;
    case 'calm gains':
      return `recent return ${pct(recentReturn)} in calm markets`;
    case 'none':
      return 'no rule fired';
    case 'model':
      return 'chosen by the model';
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
