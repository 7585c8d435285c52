/** Argument checks shared by the indicators. */

/** Throws a RangeError unless `period` is an integer >= `min` (1 by default). */
export function assertPeriod(period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new RangeError(`indicator period must be an integer >= ${min}, got ${period}`);
  }
}

/** Throws a RangeError unless all arrays have the same length. */
export function assertSameLength(...arrays: ArrayLike<number>[]): void {
  const n = arrays[0].length;
  for (const a of arrays) {
    if (a.length !== n) throw new RangeError(`indicator inputs differ in length (${n} vs ${a.length})`);
  }
}

/** A new Float64Array of `n` NaNs: the warm-up value of every indicator. */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}
