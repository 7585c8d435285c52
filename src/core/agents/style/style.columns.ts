import { StringTable } from '../../engine/growable';
import { ExplainedColumns } from '../trace/explained-columns';
import { explainStyle } from './style.agent';
import { StyleChoice, STYLES } from './style.types';

/**
 * The style agent's outputs in the decision trace's columns (see {@link ExplainedColumns}).
 * Reasons are kept once each: a run repeats a few hundred of them over thousands of bars, and
 * a string kept per bar is an object the garbage collector copies.
 */
export class StyleColumns extends ExplainedColumns<StyleChoice> {
  private readonly reasons = new StringTable();

  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('style', explainStyle, 'account', 6, 0, capacity);
  }

  protected writeData(d: StyleChoice, x: Float64Array, n: number): boolean {
    x[n] = STYLES.indexOf(d.style);
    x[n + 1] = d.drawdown;
    x[n + 2] = d.recentReturn;
    x[n + 3] = d.volatilityRatio === null ? 0 : 1;
    x[n + 4] = d.volatilityRatio ?? 0;
    x[n + 5] = this.reasons.id(d.reason);
    return x[n] >= 0;
  }

  protected readData(x: Float64Array, n: number): StyleChoice {
    return {
      style: STYLES[x[n]],
      reason: this.reasons.values[x[n + 5]],
      drawdown: x[n + 1],
      recentReturn: x[n + 2],
      volatilityRatio: x[n + 3] === 1 ? x[n + 4] : null,
    };
  }
}
