import { DecisionTraceEntry } from '../../core/engine/backtest-result';
import { LlmAgentUsage } from '../persistence/llm-exchange-record';

/** An agent's usage with the decisions on which it fell back to its analytic output. */
export interface AgentUsage extends LlmAgentUsage {
  /** Decisions that used the analytic output because the model gave no valid answer (null: not known, the run did not finish). */
  fallbacks: number | null;
}

/** Calls, tokens, cost and fallbacks of a run, in all and per agent. */
export interface LlmUsageSummary {
  liveCalls: number;
  recordedCalls: number;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  fallbacks: number | null;
  agents: AgentUsage[];
}

/** How many decisions of each agent carry the `fallback` flag. */
export function fallbacksOf(trace: readonly DecisionTraceEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of trace) {
    const flags = (e.output as { flags?: readonly string[] }).flags;
    if (flags?.includes('fallback')) counts[e.agent] = (counts[e.agent] ?? 0) + 1;
  }
  return counts;
}

/** The run's usage from its exchanges per agent and the fallbacks its trace counted. */
export function summarizeUsage(agents: readonly LlmAgentUsage[], fallbacks: Record<string, number> | null): LlmUsageSummary {
  const names = [...new Set([...agents.map((a) => a.agent), ...Object.keys(fallbacks ?? {})])].sort();
  const rows: AgentUsage[] = names.map((agent) => {
    const u = agents.find((a) => a.agent === agent) ?? emptyUsage(agent);
    return { ...u, fallbacks: fallbacks ? (fallbacks[agent] ?? 0) : null };
  });
  const sum = (f: (a: AgentUsage) => number) => rows.reduce((s, a) => s + f(a), 0);
  return {
    liveCalls: sum((a) => a.liveCalls),
    recordedCalls: sum((a) => a.recordedCalls),
    requests: sum((a) => a.requests),
    promptTokens: sum((a) => a.promptTokens),
    completionTokens: sum((a) => a.completionTokens),
    costUsd: sum((a) => a.costUsd),
    fallbacks: fallbacks ? sum((a) => a.fallbacks ?? 0) : null,
    agents: rows,
  };
}

function emptyUsage(agent: string): LlmAgentUsage {
  return { agent, liveCalls: 0, recordedCalls: 0, requests: 0, unavailable: 0, repairs: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, meanLatencyMs: null };
}
