import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { machineInfo, MachineInfo } from './machine';
import Table from 'cli-table3';
import { packageRoot } from '../src/modules/config/package-root';

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

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number; average: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const BENCH_KEY = 'bench-key';

/** Runs the benchmark and returns the figures (throws if the setup or the backtest fails). */
export async function runApiBench(options: ApiBenchOptions = {}): Promise<ApiBenchResult> {
  const durationSec = options.durationSec ?? 10;
  const warmupSec = options.warmupSec ?? 2;
  const connections = options.connections ?? 10;
  const root = packageRoot();
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-api-bench-'));
  const env = {
    ...process.env,
    TRADINGGROUP_DB: join(dir, 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
    TRADINGGROUP_API_KEYS: BENCH_KEY,
    HOST: '127.0.0.1',
    PORT: '0',
  };
  let server: ChildProcess | undefined;
  try {
    const setup = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli.js'), 'data', 'setup'], { env, encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`data setup failed: ${setup.stderr}`);
    const started = await startServer(join(root, 'dist', 'src', 'main.js'), env);
    server = started.child;
    const runId = await runBacktest(started.url);
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
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the API entry and resolves with the URL it prints once it listens. */
function startServer(entry: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start within 60 s:\n${out}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}:\n${out}`));
    });
  });
}

/** Starts sma-cross on the whole SPX sample and waits for it to be done. */
async function runBacktest(url: string): Promise<string> {
  const res = await fetch(`${url}/backtests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': BENCH_KEY },
    body: JSON.stringify({ strategy: 'sma-cross', symbols: ['SPX'], from: '2000-01-03', to: '2020-04-17' }),
  });
  if (res.status !== 202) throw new Error(`POST /backtests answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const until = Date.now() + 120_000;
  for (;;) {
    const run = (await (await fetch(`${url}/backtests/${id}`)).json()) as { status: string; error: string | null };
    if (run.status === 'done') return id;
    if (run.status !== 'queued' && run.status !== 'running') throw new Error(`run ${id} is ${run.status}: ${run.error}`);
    if (Date.now() > until) throw new Error(`run ${id} is still ${run.status} after 120 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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

function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

if (require.main === module) {
  runApiBench({ durationSec: argValue('--duration'), connections: argValue('--connections'), warmupSec: argValue('--warmup') })
    .then((r) => {
      process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(r, null, 2) : formatApiBench(r)}\n`);
      if (!r.endpoints.every((e) => e.met)) process.exitCode = 1;
    })
    .catch((error) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    });
}
