/**
 * From this many values on, a column is made in shared memory (a SharedArrayBuffer): a long
 * run's series and results are read by other threads (the one writing its equity.csv and
 * making its stored equity block), which then see the same memory instead of copies of it. A
 * short column stays in an ordinary buffer, cheaper to make and movable between threads.
 */
export const SHARED_COLUMN_MIN_LENGTH = 65_536;

/** A zeroed Float64Array of `n` values, in shared memory when long (see SHARED_COLUMN_MIN_LENGTH). */
export function float64Column(n: number): Float64Array {
  return n >= SHARED_COLUMN_MIN_LENGTH ? new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(n);
}

/**
 * Whether a column's memory is shared with other threads rather than copied to them. By its tag,
 * not `instanceof`: a column received from another thread may come from another realm's class.
 */
export function isShared(column: ArrayBufferView): boolean {
  return Object.prototype.toString.call(column.buffer) === '[object SharedArrayBuffer]';
}
