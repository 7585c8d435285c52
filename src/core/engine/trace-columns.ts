/**
 * Keeps one agent's outputs in columns for the decision trace: `write` stores an output as a
 * row (or returns −1 when it does not have the form the columns know, and the trace keeps the
 * object instead); `read` builds an output equal to the one written.
 */
export interface TraceColumns {
  write(output: unknown): number;
  read(row: number): unknown;
  /** The flags of row `row`'s output, without building it (when the columns can tell; else `read(row).flags` is asked). */
  flags?(row: number): readonly string[];
}
