/** Typed-array columns that double their capacity when full: records without per-row objects. */

export function growF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export function growI32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export function growU8(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Strings stored once and referred to by index (order tags, notes). */
export class StringTable {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** Reference slots RowColumns allocates up front at most. */
const PREALLOCATED_SLOTS = 1 << 15;

/**
 * Rows of a fixed number of number slots (one Float64Array) and reference slots (one array):
 * a stored row leaves no object of its own behind. A run records several outputs per bar, and
 * objects kept for the whole run are what the garbage collector pays for.
 */
export class RowColumns {
  numbers: Float64Array<ArrayBuffer>;
  readonly values: unknown[];
  rows = 0;

  constructor(
    readonly numberSlots: number,
    readonly valueSlots: number,
    /** Rows to make room for at once. */
    capacity = 256,
  ) {
    this.numbers = new Float64Array(Math.max(1, capacity) * Math.max(1, numberSlots));
    // Reference slots for the rows made room for, allocated once rather than pushed up to (an
    // array made this way stays a plain list up to some tens of thousands of slots).
    const slots = Math.max(1, capacity) * valueSlots;
    this.values = slots > 0 && slots <= PREALLOCATED_SLOTS ? new Array(slots) : [];
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
    for (let v = this.values.length; v < this.rows * this.valueSlots; v++) this.values.push(undefined);
    return row;
  }

  /** Removes the last row (its output turned out not to fit). */
  dropLast(): void {
    this.rows--;
    this.values.length = this.rows * this.valueSlots;
  }
}
