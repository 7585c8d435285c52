import { DecisionTraceEntry } from './backtest-result';

/** Notes on degraded steps: how many bars each agent spent in warm-up or on a fallback path. */
export function traceNotes(trace: readonly DecisionTraceEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of trace) {
    for (const flag of (e.output as { flags?: string[] }).flags ?? []) {
      if (flag === 'no_data') continue; // said once per input by the loader
      const key = `${e.agent}: ${flag}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, n]) => `${key} on ${n} bars`);
}

/**
 * A run's notes as its manifest and report show them: those known before it ran (missing
 * inputs, skipped rows), then the strategy's, then the trace's.
 */
export function runNotes(before: readonly string[], result: { notes: readonly string[]; trace: readonly DecisionTraceEntry[] }): string[] {
  return [...before, ...result.notes, ...traceNotes(result.trace)];
}
