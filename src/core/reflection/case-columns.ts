import { Provenance } from '../agents/agent';
import { ACTIONS } from '../agents/decision/decision.types';
import { FORECAST_LABELS } from '../agents/forecast/forecast.types';
import { STYLES } from '../agents/style/style.types';
import { RowColumns } from '../engine/growable';
import { MemoryCase, runCaseId } from './memory-case';

/** Number slots after the features: forecast (10), style (1), decision (7), decision outcome (7). */
const TAIL = 25;

/**
 * Memory cases as rows of typed columns (numbers and label codes in a Float64Array, the id,
 * source run, symbol, provenance and checksum as references): a memory of thousands of cases
 * is a few arrays, not tens of thousands of objects the garbage collector copies. `at` builds
 * a case equal to the one added. Cases must have passed validation (known label codes,
 * `featureCount` features).
 */
export class CaseColumns {
  private readonly columns: RowColumns;

  constructor(
    private readonly featureCount: number,
    capacity = 256,
  ) {
    this.columns = new RowColumns(2 + featureCount + TAIL, 5, capacity);
  }

  get size(): number {
    return this.columns.rows;
  }

  /**
   * Adds case c as the next row. With `derivedId` its id is not kept but derived from its
   * symbol and decision time when read (see {@link runCaseId}): the run's own cases then cost
   * no string each.
   */
  add(c: MemoryCase, derivedId = false): number {
    const cols = this.columns;
    const row = cols.add();
    const x = cols.numbers;
    let n = row * cols.numberSlots;
    const v = row * cols.valueSlots;
    x[n++] = c.decidedAt;
    x[n++] = c.knownAt;
    for (let j = 0; j < this.featureCount; j++) x[n++] = c.features[j];
    const f = c.forecast;
    const fo = f.outcome;
    x[n++] = FORECAST_LABELS.indexOf(f.label);
    x[n++] = f.pUp;
    x[n++] = f.pDown;
    x[n++] = f.pSideways;
    x[n++] = fo.pct;
    x[n++] = fo.epsilon;
    x[n++] = FORECAST_LABELS.indexOf(fo.realised);
    x[n++] = fo.signOk;
    x[n++] = fo.pTrue;
    x[n++] = fo.wHit;
    x[n++] = STYLES.indexOf(c.style.style);
    const d = c.decision;
    const s = d.signals;
    x[n++] = ACTIONS.indexOf(d.action);
    x[n++] = d.score;
    x[n++] = s.news === null ? 0 : 1;
    x[n++] = s.news ?? 0;
    x[n++] = s.report === null ? 0 : 1;
    x[n++] = s.report ?? 0;
    x[n++] = s.forecast;
    const o = d.outcome;
    x[n++] = o.rewards.BUY;
    x[n++] = o.rewards.SELL;
    x[n++] = o.rewards.HOLD;
    x[n++] = ACTIONS.indexOf(o.best);
    x[n++] = ACTIONS.indexOf(o.chosen);
    x[n++] = o.regret;
    x[n++] = o.benchmarkReturn;
    const values = cols.values;
    values[v] = derivedId ? null : c.id;
    values[v + 1] = c.sourceRun;
    values[v + 2] = c.symbol;
    values[v + 3] = c.provenance;
    values[v + 4] = c.checksum;
    return row;
  }

  at(row: number): MemoryCase {
    const cols = this.columns;
    const x = cols.numbers;
    let n = row * cols.numberSlots;
    const v = row * cols.valueSlots;
    const values = cols.values;
    const decidedAt = x[n++];
    const knownAt = x[n++];
    const features = Array.from(x.subarray(n, n + this.featureCount));
    n += this.featureCount;
    const forecast = {
      label: FORECAST_LABELS[x[n]],
      pUp: x[n + 1],
      pDown: x[n + 2],
      pSideways: x[n + 3],
      outcome: { pct: x[n + 4], epsilon: x[n + 5], realised: FORECAST_LABELS[x[n + 6]], signOk: x[n + 7] as 1 | -1, pTrue: x[n + 8], wHit: x[n + 9] },
    };
    const style = { style: STYLES[x[n + 10]] };
    n += 11;
    const decision = {
      action: ACTIONS[x[n]],
      score: x[n + 1],
      signals: { news: x[n + 2] === 1 ? x[n + 3] : null, report: x[n + 4] === 1 ? x[n + 5] : null, forecast: x[n + 6] },
      outcome: {
        rewards: { BUY: x[n + 7], SELL: x[n + 8], HOLD: x[n + 9] },
        best: ACTIONS[x[n + 10]],
        chosen: ACTIONS[x[n + 11]],
        regret: x[n + 12],
        benchmarkReturn: x[n + 13],
      },
    };
    return {
      id: (values[v] as string | null) ?? runCaseId(values[v + 2] as string, decidedAt),
      sourceRun: values[v + 1] as string,
      symbol: values[v + 2] as string,
      decidedAt,
      knownAt,
      features,
      forecast,
      style,
      decision,
      provenance: values[v + 3] as Provenance[],
      checksum: values[v + 4] as string,
    };
  }
}
