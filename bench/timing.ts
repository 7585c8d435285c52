/** How many untimed and timed calls {@link timeMedian} makes. */
export interface TimingOptions {
  warmup: number;
  runs: number;
}

/** Wall-clock times of the timed calls, in milliseconds. */
export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runsMs: number[];
}

/** Defaults: enough warm-up for V8 to optimise the hot loops, and an odd number of timed runs. */
export const DEFAULT_TIMING: TimingOptions = { warmup: 8, runs: 15 };

let sink: unknown;

/**
 * Calls `fn` `warmup` times untimed, then `runs` times each timed with
 * process.hrtime.bigint(), and returns the median (the figure to report) with min and max.
 * Results are kept in a module-level sink so the work cannot be optimised away.
 */
export function timeMedian(fn: () => unknown, options: TimingOptions = DEFAULT_TIMING): Timing {
  for (let i = 0; i < options.warmup; i++) sink = fn();
  const runsMs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = process.hrtime.bigint();
    sink = fn();
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs, minMs: sorted[0], maxMs: sorted[sorted.length - 1], runsMs };
}
