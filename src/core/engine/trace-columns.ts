/**
 * Keeps one agent's outputs in columns for the decision trace: `write` stores an output as a
 * row (or returns −1 when it does not have the form the columns know, and the trace keeps the
 * object instead); `read` builds an output equal to the one written.
 */
export interface TraceColumns {
  write(output: unknown): number;
  read(row: number): unknown;
}

/**
 * Rows of a fixed number of number slots (one Float64Array) and reference slots (one array):
 * a stored row leaves no object of its own behind. A run records several outputs per bar, and
 * objects kept for the whole run are what the garbage collector pays for.
 */
export class RowColumns {
  numbers: Float64Array<ArrayBuffer>;
  readonly values: unknown[] = [];
  rows = 0;

  constructor(
    readonly numberSlots: number,
    readonly valueSlots: number,
  ) {
    this.numbers = new Float64Array(256 * Math.max(1, numberSlots));
  }

  /** Adds a row; returns its index (the row's slots start at index·slots). */
  add(): number {
    const row = this.rows++;
    const need = this.rows * this.numberSlots;
    if (need > this.numbers.length) {
      const grown = new Float64Array(2 * need);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    for (let v = 0; v < this.valueSlots; v++) this.values.push(undefined);
    return row;
  }

  /** Removes the last row (its output turned out not to fit). */
  dropLast(): void {
    this.rows--;
    this.values.length = this.rows * this.valueSlots;
  }
}
