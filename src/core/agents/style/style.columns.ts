import { ExplainedColumns } from '../trace/explained-columns';
import { explainStyle } from './style.agent';
import { StyleChoice, STYLES } from './style.types';

/** The style agent's outputs in the decision trace's columns (see {@link ExplainedColumns}). */
export class StyleColumns extends ExplainedColumns<StyleChoice> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('style', explainStyle, 'account', 5, 1, capacity);
  }

  protected writeData(d: StyleChoice, x: Float64Array, n: number, values: unknown[], v: number): boolean {
    x[n] = STYLES.indexOf(d.style);
    x[n + 1] = d.drawdown;
    x[n + 2] = d.recentReturn;
    x[n + 3] = d.volatilityRatio === null ? 0 : 1;
    x[n + 4] = d.volatilityRatio ?? 0;
    values[v] = d.reason;
    return x[n] >= 0;
  }

  protected readData(x: Float64Array, n: number, values: unknown[], v: number): StyleChoice {
    return {
      style: STYLES[x[n]],
      reason: values[v] as string,
      drawdown: x[n + 1],
      recentReturn: x[n + 2],
      volatilityRatio: x[n + 3] === 1 ? x[n + 4] : null,
    };
  }
}
