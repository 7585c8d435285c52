/** Per-query wall-clock times, in microseconds. */
export interface QueryTiming {
  queries: number;
  medianUs: number;
  p99Us: number;
  meanUs: number;
  maxUs: number;
}

let sink: unknown;

/**
 * Calls `query(i)` for i in [0, warmup) untimed, then for i in [0, count) each timed with
 * process.hrtime.bigint(); results go to a module-level sink so the work cannot be dropped.
 */
export function timeQueries(query: (i: number) => unknown, count: number, warmup: number): QueryTiming {
  for (let i = 0; i < warmup; i++) sink = query(i);
  const us = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    sink = query(i);
    us[i] = Number(process.hrtime.bigint() - start) / 1e3;
  }
  const sorted = us.slice().sort();
  let sum = 0;
  for (const x of us) sum += x;
  return {
    queries: count,
    medianUs: sorted[count >> 1],
    p99Us: sorted[Math.min(count - 1, Math.floor(count * 0.99))],
    meanUs: sum / count,
    maxUs: sorted[count - 1],
  };
}

