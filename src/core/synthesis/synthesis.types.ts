import { Action } from '../agents/decision/decision.types';
import { ForecastLabel } from '../agents/forecast/forecast.types';
import { MemoryCase } from '../reflection/memory-case';
import { ChatMessage } from './prompts';
import { ModelExchanges } from './model-exchanges';
import { TraceRow } from './trace-bars.reader';

/** The agents a synthesis record can be about. */
export const SYNTH_AGENTS = ['news', 'report', 'forecast', 'style', 'decision'] as const;
export type SynthAgent = (typeof SYNTH_AGENTS)[number];

/** SHA-256 hashes of the data a run read (null: the run read no such input). */
export interface DataHashes {
  prices: string;
  news: string | null;
  fundamentals: string | null;
  filing: string | null;
  /** Hash of the named memory's cases read at the start. */
  memory: string | null;
}

/** What a record says about the run it comes from (taken from the run and its manifest by the caller). */
export interface SynthesisRunInfo {
  runId: string;
  symbol: string;
  strategy: string;
  /** Agent mode of the run: who "wrote" the outputs (`analytic` agents or an `llm`). */
  mode: string;
  engineVersion: string;
  /** SHA-256 of the canonical JSON of the resolved strategy parameters. */
  paramsHash: string;
  resultHash: string | null;
  dataHashes: DataHashes;
}

/** One stored run as the synthesis reads it: its info, decision trace and labelled memory cases. */
export interface SynthesisRun {
  info: SynthesisRunInfo;
  trace: readonly TraceRow[];
  cases: readonly MemoryCase[];
  /** Cases of the run left out because they failed their checksum. */
  rejectedCases?: number;
  /** llm runs: what the model was asked and answered; records then carry these instead of prompts rebuilt from the trace. */
  exchanges?: ModelExchanges;
}

/** The forecast label of a bar (paper: w_hit = sign_ok · tanh(|pct| / ε) · p_true). */
export interface ForecastLabelMeta {
  predicted: ForecastLabel;
  realised: ForecastLabel;
  /** Realised return to the outcome close (a fraction). */
  pct: number;
  epsilon: number;
  signOk: 1 | -1;
  pTrue: number;
  wHit: number;
}

/** The decision label of a bar: the reward of each action the agent could take in that state (null for the others). */
export interface DecisionLabelMeta {
  rewards: Record<Action, number | null>;
  best: Action;
  chosen: Action;
  regret: number;
  benchmarkReturn: number;
}

/** The labels of a bar, known only after the outcome (never part of a prompt). */
export interface RecordLabels {
  forecast: ForecastLabelMeta;
  decision: DecisionLabelMeta;
}

/** Metadata every record carries. */
export interface RecordMetadata {
  run: string;
  symbol: string;
  strategy: string;
  mode: string;
  agent: SynthAgent;
  barIndex: number;
  /** The bar's ISO day. */
  date: string;
  /** Decision instant, ISO-8601 UTC. */
  decidedAt: string;
  /** When the labels became known (ISO-8601 UTC), or null without labels. */
  knownAt: string | null;
  labels: RecordLabels | null;
  dataHashes: DataHashes;
  engineVersion: string;
  paramsHash: string;
  resultHash: string | null;
}

/** A supervised fine-tuning record: system, user and assistant messages. */
export interface SftRecord {
  format: 'tradinggroup.sft.v1';
  messages: [ChatMessage, ChatMessage, ChatMessage];
  metadata: RecordMetadata;
}

/** A preference record for the decision agent: one prompt, a preferred and a dispreferred answer. */
export interface PreferenceRecord {
  format: 'tradinggroup.preference.v1';
  prompt: [ChatMessage, ChatMessage];
  chosen: [ChatMessage];
  rejected: [ChatMessage];
  chosenAction: Action;
  rejectedAction: Action;
  /** `label`: a templated answer derived from the outcome label; `model`: the answer the agent gave. */
  rejectedSource: 'label' | 'model';
  rewards: Record<Action, number | null>;
  /** reward(chosen) − reward(rejected) > 0. */
  margin: number;
  metadata: RecordMetadata;
}

/** How the rejected answer of a preference pair is picked. */
export type RejectedPolicy = 'worst' | 'taken';

/** What to export and how to filter it. */
export interface SynthesisOptions {
  format: 'sft' | 'preference';
  /** SFT only: the agents to export (default forecast, decision, style). */
  agents: readonly SynthAgent[];
  /** SFT forecast records need w_hit ≥ this. */
  minWHit: number;
  /** SFT decision records: null requires the best action; a number accepts regret ≤ it. */
  maxRegret: number | null;
  /** Preference: `worst` (lowest reward) or `taken` (the agent's action when worse than the best, else the worst). */
  rejected: RejectedPolicy;
}

/** Records written and left out, per agent. */
export interface SynthesisSummary {
  format: SynthesisOptions['format'];
  runs: string[];
  records: number;
  written: Partial<Record<SynthAgent, number>>;
  /** Records left out per agent, by reason. */
  filtered: Partial<Record<SynthAgent, Record<string, number>>>;
  /** Memory cases that failed their checksum (their bars count as unlabelled). */
  rejectedCases: number;
}
