import { RowColumns } from '../../engine/growable';
import { TraceColumns } from '../../engine/trace-columns';
import { AgentName, ExplainedOutput, NO_FLAGS, OutputFlag, Provenance, WARMUP_FLAGS } from '../agent';

const FLAG_SETS: readonly OutputFlag[][] = [NO_FLAGS, WARMUP_FLAGS];

/** The flag set's code in {@link FLAG_SETS}, −1 for any other list. */
function flagCode(flags: OutputFlag[]): number {
  return flags === NO_FLAGS ? 0 : flags === WARMUP_FLAGS ? 1 : -1;
}

/**
 * Trace columns for the outputs of one analytic agent: explained by one function, with one
 * provenance entry of one kind and no flags or just `warmup`. The envelope is checked and kept
 * here; a subclass stores and rebuilds the data (`numberSlots` and `valueSlots` per row for it,
 * after the envelope's). An output of any other form is refused (−1) and kept whole.
 */
export abstract class ExplainedColumns<T> implements TraceColumns {
  private readonly columns: RowColumns;

  protected constructor(
    private readonly agent: AgentName,
    private readonly explain: (data: T) => string,
    private readonly kind: Provenance['kind'],
    numberSlots: number,
    valueSlots: number,
    capacity?: number,
  ) {
    this.columns = new RowColumns(2 + numberSlots, 1 + valueSlots, capacity);
  }

  write(output: unknown): number {
    if (!(output instanceof ExplainedOutput) || output.agent !== this.agent || output.explainer !== this.explain) return -1;
    const flags = flagCode(output.flags);
    const p = output.provenance;
    if (flags < 0 || p.length !== 1 || p[0].kind !== this.kind) return -1;
    const c = this.columns;
    const row = c.add();
    const n = row * c.numberSlots;
    const v = row * c.valueSlots;
    if (!this.writeData(output.data as T, c.numbers, n + 2, c.values, v + 1)) {
      c.dropLast();
      return -1;
    }
    c.numbers[n] = flags;
    c.numbers[n + 1] = p[0].publishedAt;
    c.values[v] = p[0].ref;
    return row;
  }

  read(row: number): ExplainedOutput<T> {
    const c = this.columns;
    const n = row * c.numberSlots;
    const v = row * c.valueSlots;
    const provenance: Provenance[] = [{ kind: this.kind, ref: c.values[v] as string, publishedAt: c.numbers[n + 1] }];
    const data = this.readData(c.numbers, n + 2, c.values, v + 1);
    return new ExplainedOutput(this.agent, data, this.explain, provenance, FLAG_SETS[c.numbers[n]]);
  }

  flags(row: number): readonly OutputFlag[] {
    return FLAG_SETS[this.columns.numbers[row * this.columns.numberSlots]];
  }

  /** Stores the data from slot `n` (numbers) and `v` (references); false if it cannot. */
  protected abstract writeData(data: T, numbers: Float64Array, n: number, values: unknown[], v: number): boolean;

  protected abstract readData(numbers: Float64Array, n: number, values: unknown[], v: number): T;
}
