import { ACTIONS } from '../agents/decision/decision.types';
import { FORECAST_LABELS } from '../agents/forecast/forecast.types';
import { STYLES } from '../agents/style/style.types';
import { MemoryCase } from './memory-case';

/** Codes of the labels in the columns: an index into these lists. */
export { ACTIONS, FORECAST_LABELS, STYLES };
export const SIGNAL_SOURCES = ['news', 'report', 'forecast'] as const;

/**
 * What the experience summary reads of each case, one typed column per number, so that
 * summarising the cases retrieved for a decision is a loop over row indices that neither
 * walks case objects nor allocates. Row i is the memory's case i.
 */
export class CaseOutcomes {
  /** Decision instant (epoch ms UTC). */
  decidedAt = new Float64Array(0);
  /** Forecast class predicted and realised (codes of {@link FORECAST_LABELS}). */
  predicted = new Uint8Array(0);
  realised = new Uint8Array(0);
  /** 1 when the predicted class was the realised one. */
  hit = new Uint8Array(0);
  wHit = new Float64Array(0);
  /** The case's term of the multi-class Brier score. */
  brier = new Float64Array(0);
  /** Action chosen and best action (codes of {@link ACTIONS}). */
  chosen = new Uint8Array(0);
  best = new Uint8Array(0);
  /** Reward of the chosen action. */
  reward = new Float64Array(0);
  regret = new Float64Array(0);
  /**
   * The way the day rewarded: +1 when holding the stock beat cash (BUY over SELL, or over HOLD
   * when flat; HOLD over SELL when long), −1 the other way, 0 for a tie.
   */
  way = new Int8Array(0);
  /** Sign of each signal at the decision, 3 per row in {@link SIGNAL_SOURCES} order (0: none or zero). */
  signalSign = new Int8Array(0);
  /** Style code ({@link STYLES}). */
  style = new Uint8Array(0);

  constructor(capacity = 256) {
    this.resize(capacity);
  }

  /** The columns of the given cases, row i for cases[i]. */
  static of(cases: readonly MemoryCase[]): CaseOutcomes {
    const out = new CaseOutcomes(Math.max(1, cases.length));
    cases.forEach((c, i) => out.set(i, c));
    return out;
  }

  get capacity(): number {
    return this.wHit.length;
  }

  /** Room for at least `rows` rows, keeping the rows held. */
  ensure(rows: number): void {
    if (rows > this.capacity) this.resize(Math.max(rows, 2 * this.capacity));
  }

  /** Writes case c as row i (the case must have passed validation: its labels are known codes). */
  set(i: number, c: MemoryCase): void {
    this.ensure(i + 1);
    const f = c.forecast;
    const d = c.decision.outcome;
    this.decidedAt[i] = c.decidedAt;
    this.predicted[i] = FORECAST_LABELS.indexOf(f.label);
    this.realised[i] = FORECAST_LABELS.indexOf(f.outcome.realised);
    this.hit[i] = f.outcome.signOk > 0 ? 1 : 0;
    this.wHit[i] = f.outcome.wHit;
    const r = f.outcome.realised;
    this.brier[i] = sq(f.pUp - (r === 'up' ? 1 : 0)) + sq(f.pDown - (r === 'down' ? 1 : 0)) + sq(f.pSideways - (r === 'sideways' ? 1 : 0));
    this.chosen[i] = ACTIONS.indexOf(d.chosen);
    this.best[i] = ACTIONS.indexOf(d.best);
    this.reward[i] = d.rewards[d.chosen] ?? NaN;
    this.regret[i] = d.regret;
    this.way[i] = wayOf(d.rewards);
    const s = c.decision.signals;
    this.signalSign[3 * i] = signOf(s.news);
    this.signalSign[3 * i + 1] = signOf(s.report);
    this.signalSign[3 * i + 2] = signOf(s.forecast);
    this.style[i] = STYLES.indexOf(c.style.style);
  }

  private resize(n: number): void {
    this.decidedAt = grown(this.decidedAt, new Float64Array(n));
    this.predicted = grown(this.predicted, new Uint8Array(n));
    this.realised = grown(this.realised, new Uint8Array(n));
    this.hit = grown(this.hit, new Uint8Array(n));
    this.wHit = grown(this.wHit, new Float64Array(n));
    this.brier = grown(this.brier, new Float64Array(n));
    this.chosen = grown(this.chosen, new Uint8Array(n));
    this.best = grown(this.best, new Uint8Array(n));
    this.reward = grown(this.reward, new Float64Array(n));
    this.regret = grown(this.regret, new Float64Array(n));
    this.way = grown(this.way, new Int8Array(n));
    this.signalSign = grown(this.signalSign, new Int8Array(3 * n));
    this.style = grown(this.style, new Uint8Array(n));
  }
}

function grown<A extends Uint8Array | Int8Array | Float64Array>(old: A, next: A): A {
  next.set(old as never);
  return next;
}

/** −1, 0 or +1; a missing signal has no direction (0). */
function signOf(x: number | null): number {
  return x === null || x === 0 ? 0 : x > 0 ? 1 : -1;
}

function sq(x: number): number {
  return x * x;
}

/** +1 when the stock beat cash over the case's horizon by the rewards of its feasible actions, −1 the other way. */
function wayOf(r: MemoryCase['decision']['outcome']['rewards']): number {
  const { BUY, SELL, HOLD } = r;
  if (BUY !== null && SELL !== null) return Math.sign(BUY - SELL);
  if (BUY !== null && HOLD !== null) return Math.sign(BUY - HOLD);
  if (SELL !== null && HOLD !== null) return Math.sign(HOLD - SELL);
  return 0;
}
