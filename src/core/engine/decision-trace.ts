import { DecisionTraceEntry } from './backtest-result';
import { growI32 } from './growable';
import { TraceColumns } from './trace-columns';
import { countFlag, flagNotes, flagsOf } from './trace-notes';

/**
 * A run's decision trace. Outputs of agents with {@link TraceColumns} are kept in those columns
 * while the run goes (per record only the bar, the agent and the row); any other output, or one
 * its columns cannot take, is kept as it is. `entries()` builds the trace as objects once, when
 * it is stored, shown or exported.
 */
export class DecisionTrace {
  private bars = new Int32Array(1024);
  private agentIds = new Int32Array(1024);
  /** Row in the agent's columns, or −1 − index into `kept`. */
  private rows = new Int32Array(1024);
  private readonly agents: string[] = [];
  private readonly columns: Array<TraceColumns | undefined> = [];
  private readonly kept: unknown[] = [];
  private built: DecisionTraceEntry[] | null = null;
  length = 0;

  /** Outputs kept as objects (no columns for their agent, or not of a form its columns take). */
  get keptWhole(): number {
    return this.kept.length;
  }

  constructor(
    private readonly columnsByAgent: Readonly<Record<string, TraceColumns>> = {},
    /** The bars the run decides on, so the trace can grow to the run's pace at once. */
    private readonly window: { startBar: number; endBar: number } = { startBar: 0, endBar: 0 },
  ) {}

  record(bar: number, agent: string, output: unknown): void {
    const i = this.length++;
    if (i === this.bars.length) {
      const need = this.capacityAt(bar, i + 1);
      this.bars = growI32(this.bars, need);
      this.agentIds = growI32(this.agentIds, need);
      this.rows = growI32(this.rows, need);
    }
    // A run records a handful of agents: a scan of their names (the same strings each bar) is
    // cheaper per record than a map look-up.
    let id = 0;
    while (id < this.agents.length && this.agents[id] !== agent) id++;
    if (id === this.agents.length) {
      this.agents.push(agent);
      this.columns.push(Object.hasOwn(this.columnsByAgent, agent) ? this.columnsByAgent[agent] : undefined);
    }
    const row = this.columns[id]?.write(output) ?? -1;
    this.bars[i] = bar;
    this.agentIds[i] = id;
    this.rows[i] = row >= 0 ? row : -1 - (this.kept.push(output) - 1);
    this.built = null;
  }

  /**
   * Room for `need` records at bar `bar`: at least twice the present room, or what the rest of
   * the window needs at the pace so far (with a tenth to spare), so a run grows once or twice.
   */
  private capacityAt(bar: number, need: number): number {
    const done = bar - this.window.startBar + 1;
    const total = this.window.endBar - this.window.startBar;
    const paced = done > 0 && total > done ? Math.ceil(((need * total) / done) * 1.1) : 0;
    return Math.max(need, 2 * this.bars.length, paced);
  }

  /**
   * {@link traceNotes} of the trace's entries, read from the columns without building every
   * output: how many bars each agent spent in warm-up or on a fallback path.
   */
  notes(): string[] {
    const counts = new Map<string, number>();
    for (let i = 0; i < this.length; i++) {
      const id = this.agentIds[i];
      const row = this.rows[i];
      const columns = this.columns[id];
      const flags = row >= 0 ? (columns!.flags?.(row) ?? flagsOf(columns!.read(row))) : flagsOf(this.kept[-1 - row]);
      for (const flag of flags) countFlag(counts, this.agents[id], flag);
    }
    return flagNotes(counts);
  }

  /** The trace as objects, in record order; `time` gives each bar's date. Built once. */
  entries(time: Float64Array): DecisionTraceEntry[] {
    if (this.built) return this.built;
    const out: DecisionTraceEntry[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const bar = this.bars[i];
      const id = this.agentIds[i];
      const row = this.rows[i];
      const output = row >= 0 ? this.columns[id]!.read(row) : this.kept[-1 - row];
      out[i] = { bar, time: time[bar], agent: this.agents[id], output };
    }
    return (this.built = out);
  }
}
