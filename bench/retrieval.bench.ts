import Table from 'cli-table3';
import { FEATURE_COUNT } from '../src/core/agents/forecast/forecast-features';
import { DAY_MS } from '../src/core/market/dates';
import { CaseMemory } from '../src/core/reflection/case-memory';
import { machineInfo, MachineInfo } from './machine';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';
import { QueryTiming, timeQueries } from './retrieval/query-timing';
import { aaplWorkload, randomWorkload, RetrievalWorkload } from './retrieval/state-cases';

/*
 * Retrieval of the k most similar past states from a case memory of 100,000 cases: brute force
 * (CaseMemory with the index switched off) against the exact pruning index CaseMemory uses from
 * 10,000 cases on. Both must return the same cases for every query, or the bench fails.
 */

/** Target per query (the figure): under 1 ms. */
export const RETRIEVAL_TARGET_US = 1_000;

export interface RetrievalBenchOptions {
  cases?: number;
  queries?: number;
  warmup?: number;
  k?: number;
}

/** One timed configuration. */
export interface RetrievalBenchRow {
  workload: string;
  /** `all usable`: every case known before the query; `point in time`: a cut-off inside the memory, as in a run. */
  mode: 'all usable' | 'point in time';
  method: 'brute force' | 'index';
  timing: QueryTiming;
}

export interface RetrievalBenchReport {
  machine: MachineInfo;
  cases: number;
  k: number;
  /** Each workload, with the time of the first indexed query (which builds the index). */
  workloads: Array<{ name: string; description: string; indexBuildMs: number }>;
  rows: RetrievalBenchRow[];
  /** Queries whose brute-force and index answers were compared, and how many differed (must be 0). */
  agreement: { compared: number; different: number };
  targetUs: number;
  /** The index's median and p99 are under the target on every workload and mode. */
  met: boolean;
}

/** Runs the retrieval benchmark; throws if the index ever disagrees with brute force. */
export function runRetrievalBench(options: RetrievalBenchOptions = {}): RetrievalBenchReport {
  const n = options.cases ?? 100_000;
  const count = options.queries ?? 5_000;
  const warmup = options.warmup ?? 500;
  const k = options.k ?? 5;
  const report: RetrievalBenchReport = { machine: machineInfo(), cases: n, k, workloads: [], rows: [], agreement: { compared: 0, different: 0 }, targetUs: RETRIEVAL_TARGET_US, met: true };
  for (const workload of [aaplWorkload(n), randomWorkload(n, count)]) {
    const brute = new CaseMemory(FEATURE_COUNT, { indexFrom: Infinity, projectionFrom: Infinity });
    const indexed = new CaseMemory(FEATURE_COUNT);
    for (const c of workload.cases) {
      if (!brute.add(c) || !indexed.add(c)) throw new Error(`bench case ${c.id} was rejected: ${brute.rejected[0]?.reason}`);
    }
    const start = process.hrtime.bigint();
    indexed.similar(workload.queries[0], workload.end, k);
    const indexBuildMs = Number(process.hrtime.bigint() - start) / 1e6;
    report.workloads.push({ name: workload.name, description: workload.description, indexBuildMs });
    for (const mode of ['all usable', 'point in time'] as const) {
      const ask = askOf(workload, mode, k);
      for (let i = 0; i < count; i++) {
        report.agreement.compared++;
        if (ids(ask(brute, i)) !== ids(ask(indexed, i))) report.agreement.different++;
      }
      for (const [method, memory] of [['brute force', brute], ['index', indexed]] as const) {
        const timing = timeQueries((i) => ask(memory, i), count, warmup);
        report.rows.push({ workload: workload.name, mode, method, timing });
        if (method === 'index' && !(timing.medianUs < RETRIEVAL_TARGET_US && timing.p99Us < RETRIEVAL_TARGET_US)) report.met = false;
      }
    }
  }
  if (report.agreement.different > 0) throw new Error(`BENCH FAILED: the index disagreed with brute force on ${report.agreement.different} of ${report.agreement.compared} queries`);
  return report;
}

/**
 * Query i of a mode. Point in time: the cut-off is a case's knownAt spread over the memory (a
 * fixed stride), and cases known in the 28 days before it are left to the recent window, as the
 * reflector asks.
 */
function askOf(w: RetrievalWorkload, mode: RetrievalBenchRow['mode'], k: number): (memory: CaseMemory, i: number) => unknown[] {
  const queries = w.queries;
  if (mode === 'all usable') return (memory, i) => memory.similar(queries[i % queries.length], w.end, k);
  const n = w.cases.length;
  return (memory, i) => {
    const time = w.cases[(i * 7_919) % n].knownAt;
    return memory.similar(queries[i % queries.length], time, k, time - 28 * DAY_MS);
  };
}

function ids(cases: unknown[]): string {
  return (cases as Array<{ id: string }>).map((c) => c.id).join(',');
}

/** The report as a table with the machine and the workloads. */
export function formatRetrievalBench(r: RetrievalBenchReport): string {
  const m = r.machine;
  const table = new Table({
    head: ['workload', 'cut-off', 'method', 'median µs', 'p99 µs', 'mean µs', 'max µs'],
    style: { head: [], border: [] },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
  });
  for (const row of r.rows) {
    const t = row.timing;
    table.push([row.workload, row.mode, row.method, t.medianUs.toFixed(1), t.p99Us.toFixed(1), t.meanUs.toFixed(1), t.maxUs.toFixed(0)]);
  }
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`,
    `${r.cases.toLocaleString('en-US')} cases of ${FEATURE_COUNT} features, the ${r.k} most similar per query, ${r.rows[0]?.timing.queries.toLocaleString('en-US')} timed queries per row`,
    ...r.workloads.map((w) => `${w.name}: ${w.description}; first indexed query (builds the index) ${w.indexBuildMs.toFixed(0)} ms`),
    table.toString(),
    `index and brute force agree on ${r.agreement.compared - r.agreement.different} of ${r.agreement.compared} queries; ` +
      `target: index median and p99 < ${r.targetUs} µs per query: ${r.met ? 'met' : 'NOT met'}`,
  ].join('\n');
}

if (require.main === module) {
  try {
    const report = runRetrievalBench();
    process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(report, null, 2) : formatRetrievalBench(report)}\n`);
    if (!report.met) process.exitCode = TARGET_MISSED_EXIT_CODE;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
