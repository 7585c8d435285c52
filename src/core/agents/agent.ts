/**
 * The agent contracts shared by the analytic implementations and the LLM mode: what each agent
 * sees (a point-in-time context) and what it returns (a typed output with a rationale and the
 * provenance of every input it used). An LLM agent builds its prompt from the same input and
 * must produce the same output type.
 */

/**
 * The five agents, plus `risk` (the risk manager's assessment) and `reflection` (the experience
 * summary), which the decision trace records like agents' outputs.
 */
export type AgentName = 'news' | 'report' | 'forecast' | 'style' | 'decision' | 'risk' | 'reflection';

/** One input an agent used, with the instant it became public. */
export interface Provenance {
  kind: 'bar' | 'news' | 'earnings' | 'filing' | 'account' | 'memory';
  /** Item id, or the bar's date for bars. */
  ref: string;
  /** Epoch ms UTC; for a bar, its session close. Always <= the decision time. */
  publishedAt: number;
}

/** Flags an output may carry: `no_data` (nothing to read), `fallback` (a degraded path was taken). */
export type OutputFlag = 'no_data' | 'warmup' | 'fallback';

/** What every agent returns. */
export interface AgentOutput<T> {
  agent: AgentName;
  data: T;
  /** A short human-readable explanation. */
  rationale: string;
  provenance: Provenance[];
  flags: OutputFlag[];
}

/** The account as it stands at the decision (after the bar's fills). */
export interface AccountState {
  cash: number;
  /** Signed shares. */
  position: number;
  avgPrice: number;
  equity: number;
  /** Highest equity so far in the window. */
  peakEquity: number;
  /** equity / peakEquity − 1 (≤ 0). */
  drawdown: number;
  /** Unrealised return of the open position (0 when flat). */
  unrealizedReturn: number;
  /** Equity return over the last `recentWindow` bars. */
  recentReturn: number;
}

/**
 * A synchronous agent (analytic mode). An agent reads its input during `run` and keeps nothing of
 * the input object itself (what its output or its state needs, it copies): a caller may hand it
 * the same object at every bar with new values in it.
 */
export interface Agent<I, O> {
  readonly name: AgentName;
  run(input: I): AgentOutput<O>;
}

/** No flags, shared by every output that has none (outputs are not modified once made). */
export const NO_FLAGS: OutputFlag[] = Object.freeze([]) as never;
export const WARMUP_FLAGS: OutputFlag[] = Object.freeze(['warmup']) as never;
const NO_PROVENANCE: Provenance[] = Object.freeze([]) as never;

/** Makes an output; keeps the call sites short. */
export function output<T>(agent: AgentName, data: T, rationale: string, provenance: Provenance[] = NO_PROVENANCE, flags: OutputFlag[] = NO_FLAGS): AgentOutput<T> {
  return { agent, data, rationale, provenance, flags };
}

/**
 * Writes an output's rationale from its data; an output whose text needs more than its data
 * (what it was composed from) carries that itself and is handed over as the second argument.
 */
export type Explainer<T> = (data: T, output: ExplainedOutput<T>) => string;

/**
 * An output whose rationale is written from its data the first time it is read. Analytic agents
 * explain every bar of every run, and most runs never show most of those lines: writing them
 * only when the trace is stored, shown or exported keeps number formatting out of the decision
 * loop. `explain` must read only the data and values fixed when the output was made, so the
 * text is the same whenever it is written. JSON (`toJSON`) and {@link plainOutput} give the plain output with the text in it.
 */
export class ExplainedOutput<T> implements AgentOutput<T> {
  #text: string | undefined;
  readonly #explain: Explainer<T>;

  constructor(
    readonly agent: AgentName,
    readonly data: T,
    explain: Explainer<T>,
    readonly provenance: Provenance[] = NO_PROVENANCE,
    readonly flags: OutputFlag[] = NO_FLAGS,
  ) {
    this.#explain = explain;
  }

  get rationale(): string {
    return (this.#text ??= this.#explain(this.data, this));
  }

  /** The function that writes the rationale (outputs stored apart are rebuilt with it). */
  get explainer(): Explainer<T> {
    return this.#explain;
  }

  toJSON(): AgentOutput<T> {
    return { agent: this.agent, data: this.data, rationale: this.rationale, provenance: this.provenance, flags: this.flags };
  }
}

/** Makes an output explained on demand (see {@link ExplainedOutput}). */
export function explained<T>(agent: AgentName, data: T, explain: Explainer<T>, provenance: Provenance[] = NO_PROVENANCE, flags: OutputFlag[] = NO_FLAGS): AgentOutput<T> {
  return new ExplainedOutput(agent, data, explain, provenance, flags);
}

/**
 * The output as a plain object with its rationale written in, for places that copy objects
 * without calling `toJSON` (the structured clone between threads). Other values pass unchanged.
 */
export function plainOutput(value: unknown): unknown {
  if (!(value instanceof ExplainedOutput)) return value;
  const plain = value.toJSON();
  // Data may be an object that writes itself out (`toJSON`) rather than a plain one.
  const data = plain.data as { toJSON?: () => unknown } | null;
  return typeof data?.toJSON === 'function' ? { ...plain, data: data.toJSON() } : plain;
}
