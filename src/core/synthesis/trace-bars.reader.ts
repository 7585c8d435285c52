import { AgentOutput } from '../agents/agent';

/** One row of a run's decision trace as stored: an agent output recorded at a bar. */
export interface TraceRow {
  /** Bar index in the engine's series. */
  barIndex: number;
  /** ISO day `YYYY-MM-DD` of the bar. */
  date: string;
  agent: string;
  /** The recorded output (JSON: NaN came back as null). */
  output: unknown;
}

/** A recorded output, as read back from JSON. */
export type RecordedOutput = AgentOutput<Record<string, unknown>>;

/** Every output recorded at one bar, by agent. */
export interface BarTrace {
  barIndex: number;
  date: string;
  /** The decision instant (session close), epoch ms UTC, or NaN when no output tells it. */
  decidedAt: number;
  outputs: Partial<Record<string, RecordedOutput>>;
}

/**
 * Groups a trace by bar, in bar order. An agent recorded twice at a bar keeps its last output.
 * The decision instant is read from the provenance of the decision, style or forecast output
 * (all stamped with the session close the agents decided at).
 */
export function groupTrace(rows: readonly TraceRow[]): BarTrace[] {
  const bars = new Map<number, BarTrace>();
  for (const row of rows) {
    let bar = bars.get(row.barIndex);
    if (!bar) {
      bar = { barIndex: row.barIndex, date: row.date, decidedAt: NaN, outputs: {} };
      bars.set(row.barIndex, bar);
    }
    bar.outputs[row.agent] = asRecordedOutput(row.output, `${row.date} ${row.agent}`);
  }
  const out = [...bars.values()].sort((a, b) => a.barIndex - b.barIndex);
  for (const bar of out) bar.decidedAt = decisionInstant(bar);
  return out;
}

function decisionInstant(bar: BarTrace): number {
  for (const agent of ['decision', 'style', 'forecast']) {
    const stamps = bar.outputs[agent]?.provenance.map((p) => p.publishedAt).filter((t) => typeof t === 'number' && Number.isFinite(t)) ?? [];
    if (stamps.length > 0) return Math.max(...stamps);
  }
  return NaN;
}

/** Checks the shape every agent output has; throws naming the row otherwise. */
export function asRecordedOutput(value: unknown, where: string): RecordedOutput {
  const o = value as Partial<RecordedOutput> | null;
  const ok =
    o !== null &&
    typeof o === 'object' &&
    typeof o.data === 'object' &&
    o.data !== null &&
    typeof o.rationale === 'string' &&
    Array.isArray(o.provenance) &&
    Array.isArray(o.flags);
  if (!ok) throw new Error(`decision trace ${where}: not an agent output (needs data, rationale, provenance, flags)`);
  return o as RecordedOutput;
}
