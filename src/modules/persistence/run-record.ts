/** Plain types of stored runs: what the persistence layer hands out and takes in (no ORM types). */

/** A run waiting for its turn, or executing: some process owns it and will end it. */
export const ACTIVE_RUN_STATUSES = ['queued', 'running'] as const;

/**
 * Where every run ends, and stays: `done` (results stored), `failed` (with the reason),
 * `cancelled` (someone asked), `interrupted` (its process stopped or vanished first),
 * `budget_exceeded` (an llm run stopped by a call, token or cost budget; its reason says which,
 * and its recorded exchanges stay).
 */
export const FINAL_RUN_STATUSES = ['done', 'failed', 'cancelled', 'interrupted', 'budget_exceeded'] as const;

/** Every status a run can have, active ones first. */
export const RUN_STATUSES = [...ACTIVE_RUN_STATUSES, ...FINAL_RUN_STATUSES] as const;

export type ActiveRunStatus = (typeof ACTIVE_RUN_STATUSES)[number];
export type FinalRunStatus = (typeof FINAL_RUN_STATUSES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Final statuses after which a run may be executed again under its own id (`runs resume`). */
export const RESUMABLE_RUN_STATUSES: readonly FinalRunStatus[] = ['cancelled', 'interrupted'];

export function isActiveStatus(status: string): status is ActiveRunStatus {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);
}

export function isRunStatus(status: string): status is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(status);
}

/**
 * The process that executes a run. `token` tells two processes with the same pid apart (the
 * pid may be reused after a restart); `heartbeatAt` is refreshed while the process lives.
 */
export interface RunOwner {
  pid: number;
  host: string;
  token: string;
}
export type RunKind = 'backtest';
export type AgentMode = 'analytic' | 'llm';

/** A JSON object as parsed back from storage. */
export type JsonObject = Record<string, unknown>;

/** What is known about a run when it is queued. */
export interface NewRun {
  /** Unique and usable as a directory name, e.g. `sma-cross-AAPL-20261123-010203-ab12`. */
  id: string;
  /** Defaults to `backtest`. */
  kind?: RunKind;
  strategy: string;
  symbol: string;
  profile: string;
  mode: AgentMode;
  /** ISO day `YYYY-MM-DD`. */
  fromDate: string;
  /** ISO day `YYYY-MM-DD`. */
  toDate: string;
  /** The resolved run configuration; stored as JSON. */
  config: object;
  /** The process that will execute it. */
  owner?: RunOwner;
  /** Its turn in the owner's queue: runs of one owner start in increasing order. */
  queueSeq?: number;
  /** Where its inputs come from (data source, input files), so it can be executed again; stored as JSON. */
  request?: object;
}

/** What a finished run adds to its record. */
export interface RunCompletion {
  manifest: object;
  metrics: object;
  /** Milliseconds per phase, e.g. `{ load: 12, engine: 85 }`. */
  timings: Record<string, number>;
  resultHash: string;
  artifactsDir: string | null;
  /** A persistent memory the run's labelled cases are added to (besides the run's own). */
  namedMemory?: string | null;
}

/** One stored run. JSON fields come back parsed; timestamps are ISO-8601 UTC strings. */
export interface RunRecord {
  id: string;
  kind: RunKind;
  status: RunStatus;
  strategy: string;
  symbol: string;
  profile: string;
  mode: AgentMode;
  fromDate: string;
  toDate: string;
  config: JsonObject;
  manifest: JsonObject | null;
  metrics: JsonObject | null;
  timings: Record<string, number>;
  resultHash: string | null;
  /** Why the run failed, was cancelled or was interrupted. */
  error: string | null;
  /** Fraction done, 0..1. */
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  artifactsDir: string | null;
  owner: RunOwner | null;
  /** Last sign of life of the owner while the run is queued or running. */
  heartbeatAt: string | null;
  queueSeq: number | null;
  request: JsonObject | null;
}

/** A run as listed: the record without its configuration, manifest, timings, result hash, artifacts directory, owner and request. */
export type RunSummaryRecord = Omit<RunRecord, 'config' | 'manifest' | 'timings' | 'resultHash' | 'artifactsDir' | 'owner' | 'heartbeatAt' | 'queueSeq' | 'request'>;

/** Filters of `listRuns`; all optional and combined with AND. */
export interface RunFilter {
  status?: RunStatus;
  strategy?: string;
  symbol?: string;
  /** At most this many runs (default 100). */
  limit?: number;
}

/** One stored equity point. */
export interface EquityPointRow {
  /** Bar index in the engine's series (window index + the result's `startBar`). */
  barIndex: number;
  /** ISO day `YYYY-MM-DD`. */
  date: string;
  equity: number;
  cash: number;
  /** Signed shares held at the bar's close. */
  position: number;
  close: number;
}

/** One agent output of a run's decision trace. */
export interface DecisionRow {
  /** Bar index in the engine's series. */
  barIndex: number;
  /** ISO day `YYYY-MM-DD` of the bar. */
  date: string;
  agent: string;
  /** The agent's output as recorded (see src/core/agents/agent.ts). */
  output: unknown;
}

/** Filters of `getDecisions`. */
export interface DecisionFilter {
  /** ISO day `YYYY-MM-DD`. */
  date?: string;
  agent?: string;
}
