import type { ChatMessage } from '../../core/ports/chat-model.port';

/** What an llm exchange asked: everything that decides the answer. */
export interface LlmRequestBody {
  model: string;
  temperature: number;
  maxTokens: number;
  messages: ChatMessage[];
  schema: { name: string; schema: Record<string, unknown> };
}

/** One question of an llm-mode run to its model and how it ended (see LlmExchangeEntity). */
export interface LlmExchangeRecord {
  runId: string;
  seq: number;
  requestKey: string;
  agent: string;
  decidedAt: number;
  attempt: 'first' | 'repair';
  request: LlmRequestBody;
  /** Publication instants (epoch ms) of what the prompt showed. */
  shows: number[];
  outcome: 'answer' | 'unavailable';
  content: string | null;
  error: string | null;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  latencyMs: number;
  /** HTTP requests made (retries included); 0 when answered from a record. */
  requests: number;
  source: 'live' | 'run' | 'cache';
  createdAt: string;
}

/** How a recorded exchange ended, as a replay reads it. */
export type RecordedOutcome = Pick<LlmExchangeRecord, 'seq' | 'requestKey' | 'outcome' | 'content' | 'error'>;

/** Calls, tokens and cost of one agent in one run. */
export interface LlmAgentUsage {
  agent: string;
  /** Exchanges that reached the model (answered or not). */
  liveCalls: number;
  /** Exchanges answered from a record (this run's, on a resume, or another run's, with the cache on). */
  recordedCalls: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Exchanges that ended without an answer. */
  unavailable: number;
  repairs: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Mean latency of the live exchanges (ms), null without any. */
  meanLatencyMs: number | null;
}
