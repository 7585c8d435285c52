import { ExplainedColumns } from '../trace/explained-columns';
import { explainStyle, styleReason } from './style.agent';
import { STYLE_RULES, StyleChoice, STYLES } from './style.types';

/**
 * The style agent's outputs in the decision trace's columns (see {@link ExplainedColumns}). A row
 * keeps the rule's code and the numbers; the reason is written again from them when read, as the
 * agent wrote it ({@link styleReason}): only the agent's own outputs (explained by
 * {@link explainStyle}) are taken, and a string kept per bar is an object the garbage collector
 * copies.
 */
export class StyleColumns extends ExplainedColumns<StyleChoice> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('style', explainStyle, 'account', 8, 0, capacity);
  }

  protected writeData(d: StyleChoice, x: Float64Array, n: number): boolean {
    x[n] = STYLES.indexOf(d.style);
    x[n + 1] = d.drawdown;
    x[n + 2] = d.recentReturn;
    x[n + 3] = d.volatilityRatio === null ? 0 : 1;
    x[n + 4] = d.volatilityRatio ?? 0;
    x[n + 5] = STYLE_RULES.indexOf(d.rule);
    x[n + 6] = d.position;
    x[n + 7] = d.unrealizedReturn;
    return x[n] >= 0 && x[n + 5] >= 0;
  }

  protected readData(x: Float64Array, n: number): StyleChoice {
    const drawdown = x[n + 1];
    const recentReturn = x[n + 2];
    const volatilityRatio = x[n + 3] === 1 ? x[n + 4] : null;
    const rule = STYLE_RULES[x[n + 5]];
    const position = x[n + 6];
    const unrealizedReturn = x[n + 7];
    return {
      style: STYLES[x[n]],
      rule,
      reason: styleReason(rule, drawdown, recentReturn, volatilityRatio, unrealizedReturn),
      drawdown,
      recentReturn,
      volatilityRatio,
      position,
      unrealizedReturn,
    };
  }
}
