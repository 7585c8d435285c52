import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import type { BacktestResult } from '../src/core/engine/backtest-result';
import { createDataSource } from '../src/modules/persistence/data-source.factory';
import { RunsRepository } from '../src/modules/persistence/runs.repository';
import { argValue, autocannon, BenchServer, benchEnv, runBacktest, setupSampleData, startServer } from './api-harness';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';
import { machineInfo, MachineInfo } from './machine';

/*
 * Run list benchmark (`node dist/bench/api-list.bench.js [--runs n] [--duration s] [--connections n] [--json]`).
 * One real backtest runs through the API (sma-cross on the AAPL sample); its stored record
 * (config, manifest, metrics, timings) is then copied into `--runs` runs in all (default 10,000)
 * with other ids, strategies, symbols, creation times and metrics, one in ten left unfinished.
 * The API then runs as `npm start` does on that database, and autocannon loads each listing
 * after an untimed warm-up. The target is the default listing's p99; the other orders and
 * filters are measured beside it. A listing repeated on an unchanged database is answered from
 * the page made the first time (RunPageCache); the last row lists while another connection
 * commits every 2 ms, so most listings read the database again.
 */

/** Latency goal of `GET /backtests?limit=50` with 10,000 runs stored. */
export const LIST_TARGET = { runs: 10_000, p99Ms: 20 } as const;

export interface ListBenchOptions {
  runs?: number;
  durationSec?: number;
  warmupSec?: number;
  connections?: number;
}

export interface ListingResult {
  path: string;
  what: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU time the API process spent per request (all its threads; null where /proc cannot be read): what a listing costs whatever else the machine runs. */
  serverCpuMsPerRequest: number | null;
  errors: number;
  /** Whether the p99 target applies to this listing, and whether it was met. */
  target: boolean;
  met: boolean;
}

export interface ListBenchResult {
  machine: MachineInfo;
  runs: number;
  seedSec: number;
  durationSec: number;
  connections: number;
  listings: ListingResult[];
}

const STRATEGIES = ['sma-cross', 'wma-cross', 'bollinger', 'atr-band', 'buy-and-hold', 'turn-of-month', 'tradinggroup'];
const SYMBOLS = ['AAPL', 'SPX', 'MSFT', 'TSLA', 'AMZN'];

const LISTINGS: Array<{ query: string; what: string; target?: true; whileWriting?: true }> = [
  { query: 'limit=50', what: 'default order (newest first)', target: true },
  { query: 'limit=50&sort=sharpe', what: 'by a metric' },
  { query: 'limit=50&sort=metrics.finsaber.spr&order=asc', what: 'by a FINSABER metric, ascending (most runs lack it)' },
  { query: 'limit=50&status=done', what: 'one status' },
  { query: 'limit=50&symbol=TSLA', what: 'one symbol' },
  { query: 'limit=50&date=2016-01-04', what: 'a day in the window' },
  { query: 'limit=50&status=done&sort=sharpe', what: 'one status, by a metric' },
  { query: 'limit=50', what: 'default order, the database written all the while', whileWriting: true },
];

/** Seeds the database, serves it and measures each listing. */
export async function runListBench(options: ListBenchOptions = {}): Promise<ListBenchResult> {
  const runCount = options.runs ?? LIST_TARGET.runs;
  const durationSec = options.durationSec ?? 10;
  const warmupSec = options.warmupSec ?? 2;
  const connections = options.connections ?? 10;
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-list-bench-'));
  const env = benchEnv(dir);
  let server: BenchServer | undefined;
  try {
    setupSampleData(env);
    server = await startServer(env);
    const modelId = await runBacktest(server.url, { strategy: 'sma-cross', symbols: ['AAPL'], from: '2014-01-02', to: '2018-05-11' });
    await server.stop();
    const t0 = performance.now();
    await seedRuns(env.TRADINGGROUP_DB!, modelId, runCount);
    const seedSec = Math.round((performance.now() - t0) / 100) / 10;
    server = await startServer(env);
    const listings: ListingResult[] = [];
    for (const listing of LISTINGS) {
      const url = `${server.url}/backtests?${listing.query}`;
      const first = await fetch(url);
      if (first.status !== 200) throw new Error(`GET ${url} answered ${first.status}: ${await first.text()}`);
      const page = (await first.json()) as { items: unknown[] };
      if (page.items.length !== 50) throw new Error(`GET ${url} listed ${page.items.length} runs, not 50`);
      await autocannon({ url, connections, duration: warmupSec });
      const writer = listing.whileWriting ? await startWriter(env.TRADINGGROUP_DB!) : undefined;
      const cpuBefore = cpuMsOf(server.child.pid);
      const r = await autocannon({ url, connections, duration: durationSec });
      const cpuAfter = cpuMsOf(server.child.pid);
      const commits = await writer?.stop();
      const errors = r.errors + r.timeouts + r.non2xx;
      listings.push({
        path: `/backtests?${listing.query}`,
        what: commits === undefined ? listing.what : `${listing.what} (${Math.round(commits / durationSec)} commits/s)`,
        requestsPerSecond: r.requests.total / durationSec,
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        serverCpuMsPerRequest: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / r.requests.total) * 100) / 100,
        errors,
        target: listing.target === true,
        met: errors === 0 && (listing.target !== true || r.latency.p99 < LIST_TARGET.p99Ms),
      });
    }
    return { machine: machineInfo(), runs: runCount, seedSec, durationSec, connections, listings };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Commits to the database every 2 ms from a connection of its own (a one-row update of an
 * unfinished run's progress), as a busy store would, until stopped; resolves the commit count.
 */
async function startWriter(dbPath: string): Promise<{ stop(): Promise<number> }> {
  const dataSource = await createDataSource(dbPath);
  const [row] = (await dataSource.query(`SELECT "id" FROM "runs" WHERE "status" <> 'done' LIMIT 1`)) as Array<{ id: string }>;
  let commits = 0;
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      await dataSource.query('UPDATE "runs" SET "progress" = ? WHERE "id" = ?', [(commits % 100) / 100, row.id]);
      commits++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      await dataSource.destroy();
      return commits;
    },
  };
}

/** Copies the stored run `modelId` into `count` runs in all, one second apart, varied as the header says. */
export async function seedRuns(dbPath: string, modelId: string, count: number): Promise<void> {
  const dataSource = await createDataSource(dbPath);
  let second = 0;
  const runs = new RunsRepository(dataSource, () => new Date(Date.UTC(2026, 0, 1) + 1000 * second++));
  try {
    const model = await runs.getRun(modelId);
    if (!model?.manifest || !model.metrics) throw new Error(`run ${modelId} is not stored as done`);
    const metrics = model.metrics as { default: Record<string, number> };
    for (let i = 1; i < count; i++) {
      const strategy = STRATEGIES[i % STRATEGIES.length];
      const symbol = SYMBOLS[(i * 7) % SYMBOLS.length];
      const id = `${strategy}-${symbol}-20260101-${String(i).padStart(6, '0')}`;
      const fromYear = 2010 + (i % 8);
      await runs.createRun({ id, strategy, symbol, profile: 'default', mode: 'analytic', fromDate: `${fromYear}-01-04`, toDate: `${fromYear + 2}-12-31`, config: model.config });
      if (i % 10 === 0) continue;
      // A spread of metric values (a fixed pseudo-random sequence), so sorts do real work.
      const spread = Math.sin(i * 12.9898) * 43758.5453;
      const f = spread - Math.floor(spread);
      const varied = { default: { ...metrics.default, sharpe: f * 3 - 1, totalReturn: f * 2 - 0.5 }, ...(i % 3 === 0 ? { finsaber: { spr: f * 2, cr: f * 100, mdd: -f * 40, av: f * 30, annualReturn: f } } : {}) };
      await runs.completeRun(id, { manifest: model.manifest, metrics: varied, timings: model.timings, resultHash: model.resultHash ?? '', artifactsDir: null }, emptyResult(symbol));
    }
  } finally {
    await dataSource.destroy();
  }
}

function emptyResult(symbol: string): BacktestResult {
  const none = new Float64Array(0);
  return { symbol, startBar: 0, endBar: 0, initialCash: 100_000, time: none, equity: none, cash: none, position: none, close: none, tradingDay: new Uint8Array(0), activeFrom: 0, orders: [], trades: [], trace: [], memory: [], notes: [] };
}

/** User and system CPU time of a process so far, in ms (Linux: /proc/<pid>/stat), or null. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ, the unit of /proc's CPU times (100 on every common build). */
const CLOCK_TICKS_PER_SECOND = 100;

/** The figures as a table. */
export function formatListBench(r: ListBenchResult): string {
  const table = new Table({
    head: ['listing', 'what', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'server CPU ms/req', 'errors', 'target met'],
    style: { head: [], border: [] },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
  });
  for (const l of r.listings) {
    table.push([l.path, l.what, Math.round(l.requestsPerSecond).toLocaleString('en-US'), l.latencyMs.p50, l.latencyMs.p99, l.latencyMs.max, l.serverCpuMsPerRequest ?? 'n/a', l.errors, l.target ? (l.met ? 'yes' : 'NO') : '']);
  }
  const m = r.machine;
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, load average ${m.loadAverage.join(' ')}`,
    `${r.runs.toLocaleString('en-US')} runs stored (seeded in ${r.seedSec} s); ${r.connections} connections, ${r.durationSec} s per listing after a warm-up; ` +
      `target: p99 < ${LIST_TARGET.p99Ms} ms for the default listing`,
    table.toString(),
  ].join('\n');
}

if (require.main === module) {
  runListBench({ runs: argValue('--runs'), durationSec: argValue('--duration'), connections: argValue('--connections'), warmupSec: argValue('--warmup') })
    .then((r) => {
      process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(r, null, 2) : formatListBench(r)}\n`);
      if (!r.listings.every((l) => l.met)) process.exitCode = TARGET_MISSED_EXIT_CODE;
    })
    .catch((error) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    });
}
