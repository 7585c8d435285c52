import { AgentOutput, Provenance } from '../agents/agent';
import { Decision } from '../agents/decision/decision.types';
import { Forecast } from '../agents/forecast/forecast.types';
import { StyleChoice } from '../agents/style/style.types';
import { BarSeries } from '../market/bar-series';
import { CaseMemory } from './case-memory';
import { StepRules } from './counterfactual-step';
import { decisionLabel, LabelledState } from './decision-label';
import { ExperienceSummary, ExperienceTally } from './experience-summary';
import { readSummary, Slots, summarySlots } from './summary-numbers';
import { MemoryCase, ProvenanceParts } from './memory-case';
import { forecastLabel, labelEpsilon } from './outcome-labels';
import { ReflectionParams } from './reflection.params';
import { qualityOfRows, ReflectionQuality } from '../metrics/reflection-quality.metric';

/** What the reflector keeps of a decision until its outcome is known. */
export interface PendingStep {
  t: number;
  decidedAt: number;
  features: number[];
  forecast: AgentOutput<Forecast>;
  style: AgentOutput<StyleChoice>;
  decision: AgentOutput<Decision>;
  signals: { news: number | null; report: number | null; forecast: number };
  cash: number;
  position: number;
  buyFraction: number;
  /** The inputs of the step's outputs: each agent's provenance list, in order. */
  provenance: Array<readonly Provenance[]>;
}

/**
 * Outcome-based self-reflection for one run: labels each decision once its outcome bar has
 * closed, stores the labelled case (stamped with the time it became known), and builds the
 * experience summary for the next decision from cases known strictly before it.
 */
export class Reflector {
  readonly memory: CaseMemory;
  /** The memory's rows of the cases this run labelled. */
  private readonly produced: number[] = [];
  private readonly pending: PendingStep[] = [];
  /** Steps already labelled (or passed over), handed out again by `nextStep`. */
  private readonly spare: PendingStep[] = [];
  private readonly tally = new ExperienceTally();
  private readonly draft = emptyCase();
  /** How the draft is added: its id derived, its provenance the step's lists (reused, like the draft). */
  private readonly adding = { derivedId: true, provenance: NO_PROVENANCE };
  private readonly rules: StepRules;
  /** The state of the step being labelled (one object, refilled). */
  private readonly state: LabelledState = { t: 0, cash: 0, position: 0, chosen: 'HOLD' };

  constructor(
    private readonly bars: BarSeries,
    private readonly closes: Float64Array,
    private readonly meanAbsReturn20: Float64Array,
    private readonly params: ReflectionParams,
    rules: Omit<StepRules, 'buyFraction'>,
    featureCount: number,
    prior: readonly MemoryCase[],
    /** The first bar the run decides on: the memory makes room for one case per bar from it. */
    firstBar = 0,
  ) {
    this.rules = { ...rules, buyFraction: 0 };
    this.memory = new CaseMemory(featureCount, { capacity: prior.length + bars.length - firstBar });
    for (const c of prior) this.memory.add(c);
  }

  /** The cases this run labelled, in the order their labels became known. */
  producedCases(): MemoryCase[] {
    return this.produced.map((row) => this.memory.caseAt(row));
  }

  /** Forecast and decision quality of the cases this run labelled, split at `splitTime` (see {@link computeReflectionQuality}). */
  quality(splitTime: number): ReflectionQuality | null {
    return this.produced.length === 0 ? null : qualityOfRows(this.memory.outcomes, this.produced, splitTime);
  }

  /** Labels the pending decision whose outcome bar is t (called at t's close, before deciding). */
  labelDue(t: number): void {
    const h = this.params.horizon;
    while (this.pending.length > 0 && this.pending[0].t + h <= t) {
      const step = this.pending.shift()!;
      // Not every bar was decided on: no label for a gap.
      if (step.t + h === t) {
        this.adding.provenance = step.provenance;
        if (this.memory.add(this.caseOf(step, t), this.adding)) this.produced.push(this.memory.size - 1);
      }
      this.spare.push(step);
    }
  }

  /**
   * A step object to fill in and hand to `track`: one labelled before when there is one (a run
   * then makes a handful of steps, not one per bar). Its lists and signals are the step's own,
   * to be written into; everything else is to be set.
   */
  nextStep(): PendingStep {
    return this.spare.pop() ?? emptyStep();
  }

  /**
   * Remembers a decision to label once its outcome is known. The reflector owns the step from
   * here: once labelled it is handed out again by `nextStep`.
   */
  track(step: PendingStep): void {
    this.pending.push(step);
  }

  /**
   * The summary for a decision at bar t: the cases of the recent window (the last
   * `recentDays` sessions) and the most similar older states.
   */
  summarize(t: number, features: Float64Array): ExperienceSummary {
    const x = summarySlots();
    this.summarizeInto(t, features, x);
    return readSummary(x, 0);
  }

  /** The same summary as numbers, written from slot 0 of `x` (see `summary-numbers.ts`). */
  summarizeInto(t: number, features: Float64Array, x: Slots): void {
    const time = this.closes[t];
    const since = this.closes[Math.max(0, t - this.params.recentDays)];
    const tally = this.tally;
    tally.reset();
    const recentCases = this.memory.tallyRecent(time, since, tally);
    const similarCases = this.memory.tallySimilar(features, time, this.params.similarK, since, tally);
    tally.write(x, 0, time, recentCases, similarCases);
  }

  /**
   * The cases a summary for bar t draws on, as objects: those of the recent window and the `k`
   * most similar older states (what a reflection on a language model reads).
   */
  casesFor(t: number, features: Float64Array, k: number): { recent: MemoryCase[]; similar: MemoryCase[] } {
    const time = this.closes[t];
    const since = this.closes[Math.max(0, t - this.params.recentDays)];
    return { recent: this.memory.recent(time, since), similar: k > 0 ? this.memory.similar(features, time, k, since) : [] };
  }

  /**
   * The labelled case of a step, written into one draft object the reflector reuses: the
   * memory copies a case into its columns, so the draft is free again once `add` returns.
   */
  private caseOf(step: PendingStep, outcomeBar: number): MemoryCase {
    const { bars, params, draft } = this;
    const pct = bars.close[outcomeBar] / bars.close[step.t] - 1;
    const epsilon = labelEpsilon(this.meanAbsReturn20[step.t], params.alpha, params.epsilonMin);
    const f = step.forecast.data;
    this.rules.buyFraction = step.buyFraction;
    const state = this.state;
    state.t = step.t;
    state.cash = step.cash;
    state.position = step.position;
    state.chosen = step.decision.data.action;
    decisionLabel(state, bars, params, this.rules, draft.decision.outcome);
    draft.symbol = bars.symbol;
    draft.decidedAt = step.decidedAt;
    draft.knownAt = this.closes[outcomeBar];
    draft.features = step.features;
    const forecast = draft.forecast;
    forecast.label = f.label;
    forecast.pUp = f.pUp;
    forecast.pDown = f.pDown;
    forecast.pSideways = f.pSideways;
    forecastLabel(f.label, f, pct, epsilon, forecast.outcome);
    draft.style.style = step.style.data.style;
    const decision = draft.decision;
    decision.action = state.chosen;
    decision.score = step.decision.data.score;
    decision.signals = step.signals;
    return draft;
  }
}

const NO_PROVENANCE: ProvenanceParts = [];

function emptyStep(): PendingStep {
  return {
    t: 0,
    decidedAt: 0,
    features: [],
    forecast: NO_OUTPUT,
    style: NO_OUTPUT,
    decision: NO_OUTPUT,
    signals: { news: null, report: null, forecast: 0 },
    cash: 0,
    position: 0,
    buyFraction: 0,
    provenance: [],
  };
}

/** What a step's outputs are until they are set. */
const NO_OUTPUT = Object.freeze({ agent: 'decision', data: null, rationale: '', provenance: [], flags: [] }) as unknown as AgentOutput<never>;

/** A case to fill in; its id and provenance are left to the memory (see {@link CaseMemory.add}). */
function emptyCase(): MemoryCase {
  return {
    id: '',
    sourceRun: '',
    symbol: '',
    decidedAt: 0,
    knownAt: 0,
    features: [],
    forecast: { label: 'sideways', pUp: 0, pDown: 0, pSideways: 0, outcome: forecastLabel('sideways', { pUp: 0, pDown: 0, pSideways: 1 }, 0, 1) },
    style: { style: 'balanced' },
    decision: {
      action: 'HOLD',
      score: 0,
      signals: { news: null, report: null, forecast: 0 },
      outcome: { rewards: { BUY: null, SELL: null, HOLD: 0 }, best: 'HOLD', chosen: 'HOLD', regret: 0, benchmarkReturn: 0 },
    },
    provenance: [],
    checksum: '',
  };
}
