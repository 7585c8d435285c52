import { STYLES } from '../style/style.types';
import { ExplainedColumns } from '../trace/explained-columns';
import { explainDecision } from './decision.agent';
import { ACTIONS, Decision, SignalContribution } from './decision.types';
/** The order the decision agent lists its contributions in. */
const SOURCES: ReadonlyArray<SignalContribution['source']> = ['forecast', 'news', 'report'];

/** The decision agent's outputs in the decision trace's columns (see {@link ExplainedColumns}). */
export class DecisionColumns extends ExplainedColumns<Decision> {
  /** `capacity`: rows to make room for at once (one per bar of the run). */
  constructor(capacity?: number) {
    super('decision', explainDecision, 'account', 6 + 4 * SOURCES.length, 0, capacity);
  }

  protected writeData(d: Decision, x: Float64Array, n: number): boolean {
    const cs = d.contributions;
    if (cs.length !== SOURCES.length) return false;
    x[n] = ACTIONS.indexOf(d.action);
    x[n + 1] = d.position;
    x[n + 2] = d.confidence;
    x[n + 3] = d.score;
    x[n + 4] = d.threshold;
    x[n + 5] = STYLES.indexOf(d.style);
    for (let s = 0; s < SOURCES.length; s++) {
      const c = cs[s];
      if (c.source !== SOURCES[s]) return false;
      x[n + 6 + 4 * s] = c.value;
      x[n + 7 + 4 * s] = c.weight;
      x[n + 8 + 4 * s] = c.used ? 1 : 0;
      x[n + 9 + 4 * s] = c.reliability;
    }
    return x[n] >= 0 && x[n + 5] >= 0;
  }

  protected readData(x: Float64Array, n: number): Decision {
    const contributions = SOURCES.map((source, s) => ({ source, value: x[n + 6 + 4 * s], weight: x[n + 7 + 4 * s], used: x[n + 8 + 4 * s] === 1, reliability: x[n + 9 + 4 * s] }));
    return {
      action: ACTIONS[x[n]],
      position: x[n + 1],
      confidence: x[n + 2],
      score: x[n + 3],
      threshold: x[n + 4],
      style: STYLES[x[n + 5]],
      contributions,
    };
  }
}
