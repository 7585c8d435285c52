import { STYLES } from '../agents/style/style.types';
import { ExplainedColumns } from '../agents/trace/explained-columns';
import { explainRisk, RiskAssessment } from './dynamic-risk';

const FORCED: ReadonlyArray<RiskAssessment['forced']> = [null, 'stop-loss', 'take-profit'];

/** The risk manager's assessments in the decision trace's columns (see {@link ExplainedColumns}). */
export class RiskColumns extends ExplainedColumns<RiskAssessment> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('risk', explainRisk, 'account', 7, 0, capacity);
  }

  protected writeData(a: RiskAssessment, x: Float64Array, n: number): boolean {
    x[n] = STYLES.indexOf(a.style);
    x[n + 1] = a.sigma;
    x[n + 2] = a.stopLoss;
    x[n + 3] = a.takeProfit;
    x[n + 4] = a.unrealized;
    x[n + 5] = a.reference;
    x[n + 6] = FORCED.indexOf(a.forced);
    return x[n] >= 0 && x[n + 6] >= 0;
  }

  protected readData(x: Float64Array, n: number): RiskAssessment {
    return {
      style: STYLES[x[n]],
      sigma: x[n + 1],
      stopLoss: x[n + 2],
      takeProfit: x[n + 3],
      unrealized: x[n + 4],
      reference: x[n + 5],
      forced: FORCED[x[n + 6]],
    };
  }
}
