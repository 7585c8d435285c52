/** Plain types of stored paper sessions: what the persistence layer hands out and takes in (no ORM types). */
import type { DecisionTraceEntry } from '../../../core/engine/backtest-result';
import type { OrderRecord } from '../../../core/engine/orders';
import type { BarRow } from '../../../core/market/bar-series';
import type { NewsItem } from '../../../core/market/news';
import type { SleeveStep } from '../../../core/paper/sleeve-step';

/**
 * `active`: ticking on its schedule; `paused`: by a user or after repeated feed failures (the
 * reason says which), resumable; `stopped`: by a user, for good; `done`: a replay that reached its
 * last bar; `failed`: a tick could not be processed (the reason says why).
 */
export const PAPER_STATUSES = ['active', 'paused', 'stopped', 'done', 'failed'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

/** A new session as it is stored when it starts. */
export interface NewPaperSession {
  id: string;
  strategy: string;
  symbols: string[];
  feed: string;
  broker: string;
  mode: string;
  spec: object;
  firstBarTime: number | null;
  nextTickAt: string | null;
  /** Per symbol: the warm-up bars (before the session's first bar). */
  warmUp: Record<string, BarRow[]>;
  /** Per symbol: the inputs fixed at the start (JSON-serialisable). */
  inputs: Record<string, object>;
}

/** One stored session. Timestamps are ISO-8601 UTC strings; bar times epoch ms at 00:00 UTC. */
export interface PaperSessionRecord {
  id: string;
  strategy: string;
  symbols: string[];
  feed: string;
  broker: string;
  mode: string;
  spec: Record<string, unknown>;
  status: PaperStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  firstBarTime: number | null;
  lastBarTime: number | null;
  barsProcessed: number;
  lastTickAt: string | null;
  lastTickOutcome: string | null;
  lastTickNote: string | null;
  nextTickAt: string | null;
  failures: number;
  owner: string | null;
  leaseUntil: number | null;
  equity: number | null;
}

/** An order of a sleeve with what the broker it was sent to reported. */
export interface PaperOrderRecord extends OrderRecord {
  symbol: string;
  clientOrderId: string | null;
  brokerState: 'unsent' | 'sent' | 'refused' | null;
  brokerReport: Record<string, unknown> | null;
}

export interface PaperEquityRow {
  symbol: string;
  time: number;
  equity: number;
  cash: number;
  position: number;
  close: number;
}

export interface PaperPositionRow {
  symbol: string;
  time: number;
  cash: number;
  quantity: number;
  avgPrice: number | null;
  close: number;
  equity: number;
  stopPrice: number | null;
  takeProfitPrice: number | null;
}

export interface PaperDecisionRow extends DecisionTraceEntry {
  symbol: string;
}

export type PaperTickOutcome = 'processed' | 'idle' | 'skipped' | 'failed';

export interface PaperTickRow {
  id: number;
  at: string;
  outcome: PaperTickOutcome;
  barTime: number | null;
  note: string | null;
}

/** A news item as a session received it: usable from `time`, handed over for the bar `barTime`. */
export interface PaperNewsRow {
  symbol: string;
  item: NewsItem;
  time: number;
  barTime: number;
}

/** Everything one processed bar stores, in one transaction keyed by (session, bar time). */
export interface PaperStepWrite {
  sessionId: string;
  time: number;
  processedAt: string;
  bars: Array<{ symbol: string; bar: BarRow }>;
  news: PaperNewsRow[];
  sleeves: SleeveStep[];
  /** Client order ids of the orders this bar decided, for a session that sends orders to a broker. */
  clientOrderIds: Map<string, string> | null;
  /** The sum of the sleeves' equity. */
  equity: number;
  /** The session's last bar: it is `done` once stored. */
  final: boolean;
}
