import { Provenance } from '../agents/agent';
import { ACTIONS } from '../agents/decision/decision.types';
import { FORECAST_LABELS } from '../agents/forecast/forecast.types';
import { STYLES } from '../agents/style/style.types';
import { RowColumns } from '../engine/growable';
import { MemoryCase, ProvenanceParts, runCaseId } from './memory-case';

/** Provenance lists a row keeps (more are joined into one when added). */
const PROVENANCE_PARTS = 3;
const NONE: readonly Provenance[] = Object.freeze([]);

/** Number slots after the features: forecast (10), style (1), decision (7), decision outcome (7). */
const TAIL = 25;

/**
 * Memory cases as rows of typed columns (numbers and label codes in a Float64Array; the id,
 * source run, symbol, checksum and up to three provenance lists as references): a memory of
 * thousands of cases is a few arrays, not tens of thousands of objects the garbage collector
 * copies. `at` builds a case equal to the one added, its provenance lists joined into one.
 * Cases must have passed validation (known label codes, `featureCount` features).
 */
export class CaseColumns {
  private readonly columns: RowColumns;

  constructor(
    private readonly featureCount: number,
    capacity = 256,
  ) {
    this.columns = new RowColumns(2 + featureCount + TAIL, 4 + PROVENANCE_PARTS, capacity);
  }

  get size(): number {
    return this.columns.rows;
  }

  /**
   * Adds case c as the next row. With `derivedId` its id is not kept but derived from its
   * symbol and decision time when read (see {@link runCaseId}): the run's own cases then cost
   * no string each.
   */
  add(c: MemoryCase, derivedId = false, provenance: ProvenanceParts = [c.provenance]): number {
    if (provenance.length > PROVENANCE_PARTS) provenance = [provenance.flat()];
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
    // NaN stands for null: no reward for an action the agent could not take.
    x[n++] = o.rewards.BUY ?? NaN;
    x[n++] = o.rewards.SELL ?? NaN;
    x[n++] = o.rewards.HOLD ?? NaN;
    x[n++] = ACTIONS.indexOf(o.best);
    x[n++] = ACTIONS.indexOf(o.chosen);
    x[n++] = o.regret;
    x[n++] = o.benchmarkReturn;
    const values = cols.values;
    values[v] = derivedId ? null : c.id;
    values[v + 1] = c.sourceRun;
    values[v + 2] = c.symbol;
    values[v + 3] = c.checksum;
    for (let k = 0; k < PROVENANCE_PARTS; k++) values[v + 4 + k] = k < provenance.length ? provenance[k] : NONE;
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
        rewards: { BUY: orNull(x[n + 7]), SELL: orNull(x[n + 8]), HOLD: orNull(x[n + 9]) },
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
      provenance: joined(values as Array<readonly Provenance[]>, v + 4),
      checksum: values[v + 3] as string,
    };
  }
}

/** The row's provenance lists from `values[from]` as one list (the first itself when the others are empty). */
function joined(values: ReadonlyArray<readonly Provenance[]>, from: number): Provenance[] {
  let only: readonly Provenance[] | null = null;
  let parts = 0;
  for (let k = 0; k < PROVENANCE_PARTS; k++) {
    if (values[from + k].length === 0) continue;
    only = values[from + k];
    parts++;
  }
  if (parts <= 1) return (only ?? values[from]) as Provenance[];
  const out: Provenance[] = [];
  for (let k = 0; k < PROVENANCE_PARTS; k++) out.push(...values[from + k]);
  return out;
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
