import { BacktestResult, DecisionTraceEntry } from './backtest-result';

/** Notes on degraded steps: how many bars each agent spent in warm-up or on a fallback path. */
export function traceNotes(trace: readonly DecisionTraceEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of trace) for (const flag of flagsOf(e.output)) countFlag(counts, e.agent, flag);
  return flagNotes(counts);
}

/** An agent output's flags (none for an output without). */
export function flagsOf(output: unknown): readonly string[] {
  return (output as { flags?: string[] }).flags ?? [];
}

/** Counts `agent: flag`, in the order first seen; `no_data` is said once per input by the loader, not per bar. */
export function countFlag(counts: Map<string, number>, agent: string, flag: string): void {
  if (flag === 'no_data') return;
  const key = `${agent}: ${flag}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The counted flags as notes: `forecast: warmup on 81 bars`. */
export function flagNotes(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].map(([key, n]) => `${key} on ${n} bars`);
}

/**
 * A run's notes as its manifest and report show them: those known before it ran (missing
 * inputs, skipped rows), then the strategy's, then the trace's (from `traceNotes` when the result
 * can give them without building its trace).
 */
export function runNotes(before: readonly string[], result: Pick<BacktestResult, 'notes' | 'trace' | 'traceNotes'>): string[] {
  return [...before, ...result.notes, ...(result.traceNotes?.() ?? traceNotes(result.trace))];
}
