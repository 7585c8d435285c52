import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { argValue, autocannon, BenchServer, benchEnv, runBacktest, setupSampleData, startServer } from './api-harness';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';
import { machineInfo, MachineInfo } from './machine';

/*
 * REST API load benchmark (`node dist/bench/api.bench.js [--duration s] [--connections n] [--json]`).
 * The API runs as `npm start` does (dist/src/main.js) in its own process on 127.0.0.1 and a free
 * port, over a temp SQLite database with the sample data; it runs one backtest of the S&P 500
 * sample (5,105 daily bars, 2000-01-03..2020-04-17), then autocannon loads `GET /backtests/:id`
 * and `GET /backtests/:id/equity` from this process, each after an untimed warm-up.
 */

/** Throughput and latency goals of each endpoint. */
export const API_TARGET = { requestsPerSecond: 2_000, p99Ms: 50 } as const;

export interface ApiBenchOptions {
  /** Seconds of load per endpoint (default 10). */
  durationSec?: number;
  /** Untimed seconds of load before each measurement (default 2). */
  warmupSec?: number;
  /** Concurrent connections (default 10). */
  connections?: number;
}

export interface EndpointResult {
  path: string;
  /** The first request, which reads the database and serialises the answer (later ones are served from memory). */
  firstRequestMs: number;
  requests: number;
  /** Mean requests per second over the measured seconds. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number; mean: number };
  bytesPerResponse: number;
  errors: number;
  non2xx: number;
  met: boolean;
}

export interface ApiBenchResult {
  machine: MachineInfo;
  runId: string;
  bars: number;
  durationSec: number;
  connections: number;
  endpoints: EndpointResult[];
}

/** Runs the benchmark and returns the figures (throws if the setup or the backtest fails). */
export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiBenchResult> {
  const durationSec = options.durationSec ?? 10;
  const warmupSec = options.warmupSec ?? 2;
  const connections = options.connections ?? 10;
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-api-bench-'));
  const env = benchEnv(dir);
  let server: BenchServer | undefined;
  try {
    setupSampleData(env);
    const started = await startServer(env);
    server = started;
    const runId = await runBacktest(started.url, WHOLE_SPX);
    const bars = ((await (await fetch(`${started.url}/backtests/${runId}`)).json()) as { metrics: { default: { bars: number } } }).metrics.default.bars;
    const endpoints: EndpointResult[] = [];
    for (const path of [`/backtests/${runId}`, `/backtests/${runId}/equity`]) {
      const url = `${started.url}${path}`;
      const t0 = performance.now();
      const first = await fetch(url);
      await first.arrayBuffer();
      const firstRequestMs = Math.round((performance.now() - t0) * 10) / 10;
      await autocannon({ url, connections, duration: warmupSec });
      const r = await autocannon({ url, connections, duration: durationSec });
      const latencyMs = { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average };
      const requestsPerSecond = r.requests.total / durationSec;
      endpoints.push({
        path: path.replace(runId, ':id'),
        firstRequestMs,
        requests: r.requests.total,
        requestsPerSecond,
        latencyMs,
        bytesPerResponse: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        met: requestsPerSecond >= API_TARGET.requestsPerSecond && latencyMs.p99 < API_TARGET.p99Ms && r.errors + r.timeouts + r.non2xx === 0,
      });
    }
    return {
      machine: machineInfo(),
      runId,
      bars,
      durationSec,
      connections,
      endpoints,
    };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** sma-cross on the whole S&P 500 sample. */
const WHOLE_SPX = { strategy: 'sma-cross', symbols: ['SPX'], from: '2000-01-03', to: '2020-04-17' };

/** The figures as a table. */
export function formatApiBench(r: ApiBenchResult): string {
  const table = new Table({
    head: ['endpoint', 'first ms', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'bytes/resp', 'errors', 'target met'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
  });
  for (const e of r.endpoints) {
    table.push([e.path, e.firstRequestMs, Math.round(e.requestsPerSecond).toLocaleString('en-US'), e.latencyMs.p50, e.latencyMs.p97_5, e.latencyMs.p99, e.latencyMs.max, e.bytesPerResponse.toLocaleString('en-US'), e.errors + e.non2xx, e.met ? 'yes' : 'NO']);
  }
  const m = r.machine;
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, load average ${m.loadAverage.join(' ')}`,
    `run ${r.runId}: ${r.bars.toLocaleString('en-US')} bars; ${r.connections} connections, ${r.durationSec} s per endpoint after a warm-up; ` +
      `target >= ${API_TARGET.requestsPerSecond.toLocaleString('en-US')} req/s and p99 < ${API_TARGET.p99Ms} ms`,
    table.toString(),
  ].join('\n');
}

if (require.main === module) {
  runApiBench({ durationSec: argValue('--duration'), connections: argValue('--connections'), warmupSec: argValue('--warmup') })
    .then((r) => {
      process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(r, null, 2) : formatApiBench(r)}\n`);
      if (!r.endpoints.every((e) => e.met)) process.exitCode = TARGET_MISSED_EXIT_CODE;
    })
    .catch((error) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    });
}
