import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { packageRoot } from '../src/modules/config/package-root';
import { argValue, BENCH_KEY, BenchServer, benchEnv, setupSampleData, startServer } from './api-harness';
import { machineInfo, MachineInfo } from './machine';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';

/*
 * The REST API under a burst of runs (`node dist/bench/api-load.bench.js [--rounds n] [--runs n] [--warmup-rounds n] [--json]`).
 * The API runs as `npm start` does (dist/src/main.js) in its own process over a temp SQLite
 * database with the sample data, with the default number of workers (cores − 1). Each round,
 * autocannon submits `runs` backtests at once (POST /backtests, one connection per run; in turn
 * sma-cross on the whole S&P 500 sample, bollinger and tradinggroup on AAPL 2014–2018), while a
 * second autocannon probes `GET /health` 50 times a second (as a monitor would; a flood of
 * probes would measure the server's throughput instead) until every run has ended; a client
 * polls `GET /backtests` every 200 ms and counts the runs shown running and queued. Then a
 * cancel is timed on a queued run and on a running one, and on a run that another process (a CLI
 * `backtest` on the same database, held at its start) executes: from the request to that
 * process having stopped the run and exited. Every request's latency is kept; the
 * percentiles are over all timed rounds. The first `warmup-rounds` rounds (default 1) are the
 * same bursts, untimed: on a server just started, the first burst also compiles the request
 * path; its POST latencies are shown apart.
 */

/** What must hold with `runs` runs submitted at once. */
export const LOAD_TARGET = { healthP99Ms: 100, postP99Ms: 200, cancelMs: 1_000 } as const;

export interface LoadBenchOptions {
  rounds?: number;
  /**
   * Untimed rounds first (default 1): a server's first burst after it starts also compiles its
   * request path, which a server in use has done long before. Its POST latencies are kept apart
   * (`firstBurstPost`).
   */
  warmupRounds?: number;
  runs?: number;
  /** Requests per second of the /health probe (default 50, over 2 connections). */
  healthRate?: number;
}

export interface Latencies {
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
}

export interface LoadBenchResult {
  machine: MachineInfo;
  healthRate: number;
  workers: number;
  rounds: number;
  warmupRounds: number;
  runsPerRound: number;
  health: Latencies;
  post: Latencies;
  /** The POSTs of the untimed first rounds, on a server just started. */
  firstBurstPost: Latencies;
  /** Most runs shown `running` at one poll. */
  maxRunningAtOnce: number;
  /** Most runs shown queued at one poll, and whether each always showed a place of its own. */
  queuedSeen: number;
  queuePlacesShown: boolean;
  /** Milliseconds from the request to the answer, the run then stored as cancelled. */
  cancelQueuedMs: number[];
  cancelRunningMs: number[];
  /** Milliseconds from the API's cancel of a run another process executes to that process having stopped it. */
  cancelElsewhereMs: number[];
  /** Milliseconds from the first POST to the last run's end, per round. */
  roundMs: number[];
  /** The slowest POST of each round, in milliseconds. */
  postMaxMs: number[];
  failedRuns: number;
  met: { health: boolean; post: boolean; cancel: boolean };
}

type Instance = NodeJS.EventEmitter & { stop(): void };
/** autocannon's callback form, which hands back the instance so that every response can be seen. */
type AutocannonWithInstance = (options: Record<string, unknown>, done: (err: Error | null, result: unknown) => void) => Instance;
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as AutocannonWithInstance;
const WORKLOAD = [
  { strategy: 'sma-cross', symbols: ['SPX'], from: '2000-01-03', to: '2020-04-17' },
  { strategy: 'bollinger', symbols: ['AAPL'], from: '2014-01-02', to: '2018-05-11' },
  { strategy: 'tradinggroup', symbols: ['AAPL'], from: '2014-01-02', to: '2018-05-11' },
];

/**
 * The run of the timed cancels: long enough (TradingGroup over the whole S&P 500 sample, about
 * a second) that a cancel sent once it is seen running finds it still running.
 */
const CANCEL_RUN = { strategy: 'tradinggroup', symbols: ['SPX'], from: '2000-03-01', to: '2020-04-17' };

/** Runs the benchmark and returns the figures (throws if the setup fails). */
export async function runLoadBench(options: LoadBenchOptions = {}): Promise<LoadBenchResult> {
  const rounds = options.rounds ?? 3;
  const warmupRounds = options.warmupRounds ?? 1;
  const runsPerRound = options.runs ?? 50;
  const healthRate = options.healthRate ?? 50;
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-load-bench-'));
  const workers = Math.max(1, os.availableParallelism() - 1);
  const env = { ...benchEnv(dir), TRADINGGROUP_RATE_LIMIT: '1000000', TRADINGGROUP_WORKERS: String(workers) };
  let server: BenchServer | undefined;
  try {
    setupSampleData(env);
    server = await startServer(env);
    const url = server.url;
    // One untimed run first, so the first round does not pay for the server's first run.
    await waitEnded(url, [await submit(url, WORKLOAD[0])]);

    const health: Sample[] = [];
    const post: Sample[] = [];
    const firstBurstPost: Sample[] = [];
    const roundMs: number[] = [];
    const postMaxMs: number[] = [];
    const cancelQueuedMs: number[] = [];
    const cancelRunningMs: number[] = [];
    const cancelElsewhereMs: number[] = [];
    let maxRunningAtOnce = 0;
    let queuePlacesShown = true;
    let queuedSeen = 0;
    let failedRuns = 0;
    for (let round = -warmupRounds; round < rounds; round++) {
      const timed = round >= 0;
      const healthLoad = load({ url: `${url}/health`, connections: 2, overallRate: healthRate, duration: 600 }, timed ? health : []);
      const t0 = performance.now();
      const ids: string[] = [];
      const refused: string[] = [];
      let sent = 0;
      await finished(
        load(
          {
            url: `${url}/backtests`,
            connections: runsPerRound,
            amount: runsPerRound,
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': BENCH_KEY },
            requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify(WORKLOAD[sent++ % WORKLOAD.length]) }), onResponse: (status: number, body: string) => (status >= 200 && status < 300 ? ids.push((JSON.parse(body) as { id: string }).id) : refused.push(`${status} ${body.slice(0, 200)}`)) }],
          },
          timed ? post : firstBurstPost,
        ),
      );
      if (refused.length > 0) throw new Error(`${refused.length} of ${runsPerRound} submissions refused: ${refused[0]}`);
      const watch = await waitEnded(url, ids, (runs) => {
        const running = runs.filter((r) => r.status === 'running').length;
        maxRunningAtOnce = Math.max(maxRunningAtOnce, running);
        const places = runs.filter((r) => r.status === 'queued').map((r) => Number(r.queuePosition)).sort((a, b) => a - b);
        queuedSeen = Math.max(queuedSeen, places.length);
        // Each waiting run shows its own place (a run that starts between the two reads of a
        // listing is shown running, so the places may start above 1).
        if (places.some((p, i) => !(p >= 1) || (i > 0 && p === places[i - 1]))) queuePlacesShown = false;
      });
      failedRuns += watch.filter((r) => r.status !== 'done').length;
      healthLoad.instance.stop();
      await healthLoad.done;
      if (!timed) continue;
      roundMs.push(Math.round(performance.now() - t0));
      postMaxMs.push(Math.round(Math.max(...post.slice(-runsPerRound).map((x) => x.ms))));

      // Cancels: the third run of a fresh burst waits in the queue, the first one runs.
      const burst: string[] = [];
      for (let i = 0; i < workers + 2; i++) burst.push(await submit(url, CANCEL_RUN));
      await until(async () => (await getRun(url, burst[0])).status === 'running');
      cancelQueuedMs.push(await timedCancel(url, burst[burst.length - 1]));
      cancelRunningMs.push(await timedCancel(url, burst[0]));
      await waitEnded(url, burst);
      cancelElsewhereMs.push(await timedCancelElsewhere(url, env));
    }
    const h = percentiles(health);
    const p = percentiles(post);
    return {
      machine: machineInfo(),
      healthRate,
      workers,
      rounds,
      warmupRounds,
      runsPerRound,
      health: h,
      post: p,
      firstBurstPost: percentiles(firstBurstPost),
      maxRunningAtOnce,
      queuedSeen,
      queuePlacesShown,
      cancelQueuedMs,
      cancelRunningMs,
      cancelElsewhereMs,
      roundMs,
      postMaxMs,
      failedRuns,
      met: {
        health: h.p99 < LOAD_TARGET.healthP99Ms && h.non2xx === 0,
        post: p.p99 < LOAD_TARGET.postP99Ms && p.non2xx === 0,
        cancel: [...cancelQueuedMs, ...cancelRunningMs, ...cancelElsewhereMs].every((ms) => ms < LOAD_TARGET.cancelMs),
      },
    };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Sample {
  ms: number;
  status: number;
}

/** Starts autocannon and records every response's latency and status into `samples`. */
function load(options: Record<string, unknown>, samples: Sample[]): { instance: Instance; done: Promise<void> } {
  let instance!: Instance;
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon(options, (err) => (err ? reject(err) : resolve()));
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => samples.push({ ms, status }));
  return { instance, done };
}

function finished(run: { done: Promise<void> }): Promise<void> {
  return run.done;
}

function percentiles(samples: Sample[]): Latencies {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => (ms.length === 0 ? NaN : Math.round(ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] * 10) / 10);
  return { requests: ms.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), non2xx: samples.filter((s) => s.status < 200 || s.status > 299).length };
}

async function submit(url: string, body: object): Promise<string> {
  const res = await fetch(`${url}/backtests`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': BENCH_KEY }, body: JSON.stringify(body) });
  if (res.status !== 202) throw new Error(`POST /backtests answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

interface RunView {
  id: string;
  status: string;
  queuePosition?: number | null;
  error?: string | null;
}

async function getRun(url: string, id: string): Promise<RunView> {
  return (await (await fetch(`${url}/backtests/${id}`)).json()) as RunView;
}

/**
 * Polls `GET /backtests` (one request, as a client watching its runs would) every 200 ms until
 * none of `ids` is queued or running; returns their last views.
 */
async function waitEnded(url: string, ids: string[], onPoll?: (runs: RunView[]) => void): Promise<RunView[]> {
  const wanted = new Set(ids);
  const end = Date.now() + 600_000;
  for (;;) {
    const page = (await (await fetch(`${url}/backtests?limit=${Math.min(500, Math.max(ids.length, 1))}`)).json()) as { items: RunView[] };
    const runs = page.items.filter((r) => wanted.has(r.id));
    if (runs.length !== ids.length) throw new Error(`the list shows ${runs.length} of ${ids.length} runs`);
    onPoll?.(runs);
    if (runs.every((r) => r.status !== 'queued' && r.status !== 'running')) return runs;
    if (Date.now() > end) throw new Error('runs still not ended after 600 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 120_000;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function timedCancel(url: string, id: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/backtests/${id}/cancel`, { method: 'POST', headers: { 'x-api-key': BENCH_KEY } });
  const ms = Math.round(performance.now() - t0);
  const status = (await getRun(url, id)).status;
  if (res.status !== 200 || status !== 'cancelled') throw new Error(`cancel of ${id} answered ${res.status}; the run is ${status}`);
  return ms;
}

/**
 * Starts a CLI backtest on the API's database, held once its run is stored as running (the
 * fault point `run-started`), cancels that run through the API and times how long its process
 * takes to stop it (it exits once the run is stored as cancelled).
 */
async function timedCancelElsewhere(url: string, env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), 'backtest', '--strategy', 'sma-cross', '--symbol', 'SPX'], {
    env: { ...env, TRADINGGROUP_FAULT_POINT: 'run-started' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes('fault point run-started reached')) resolve();
    });
    void exited.then(() => reject(new Error(`the CLI backtest exited before its run started: ${err}`)));
  });
  const page = (await (await fetch(`${url}/backtests?status=running&strategy=sma-cross&limit=10`)).json()) as { items: RunView[] };
  const run = page.items.find((r) => r.status === 'running');
  if (!run) throw new Error('the CLI backtest\'s run is not listed as running');
  const t0 = performance.now();
  const res = await fetch(`${url}/backtests/${run.id}/cancel`, { method: 'POST', headers: { 'x-api-key': BENCH_KEY } });
  if (res.status !== 200) throw new Error(`cancel of ${run.id} answered ${res.status}`);
  await exited;
  const ms = Math.round(performance.now() - t0);
  if (!err.includes(`run ${run.id} was cancelled by another process`)) throw new Error(`the CLI backtest did not stop for the cancel: ${err}`);
  return ms;
}

/** The figures as text. */
export function formatLoadBench(r: LoadBenchResult): string {
  const table = new Table({
    head: ['requests', 'count', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'target', 'met'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
  });
  const row = (name: string, l: Latencies, target: number, met: boolean) => [name, l.requests, l.p50, l.p90, l.p99, l.max, l.non2xx, `p99 < ${target}`, met ? 'yes' : 'NO'];
  table.push(row('GET /health', r.health, LOAD_TARGET.healthP99Ms, r.met.health));
  table.push(row('POST /backtests', r.post, LOAD_TARGET.postP99Ms, r.met.post));
  const m = r.machine;
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, load average ${m.loadAverage.join(' ')}`,
    `${r.rounds} rounds of ${r.runsPerRound} runs submitted at once (after ${r.warmupRounds} untimed), ${r.workers} worker(s), /health probed ${r.healthRate} times a second; rounds took ${r.roundMs.join(', ')} ms (slowest POST ${r.postMaxMs.join(', ')} ms); ${r.failedRuns} runs not done`,
    table.toString(),
    ...(r.warmupRounds > 0 ? [`the untimed first burst on the server just started: POST /backtests p50 ${r.firstBurstPost.p50} / p90 ${r.firstBurstPost.p90} / p99 ${r.firstBurstPost.p99} ms`] : []),
    `most runs shown running at once: ${r.maxRunningAtOnce}; most shown queued: ${r.queuedSeen}, each with a place of its own: ${r.queuePlacesShown ? 'yes' : 'NO'}`,
    `cancel (ms, target < ${LOAD_TARGET.cancelMs}): queued ${r.cancelQueuedMs.join(', ')}; running ${r.cancelRunningMs.join(', ')}; running in another process ${r.cancelElsewhereMs.join(', ')}; met: ${r.met.cancel ? 'yes' : 'NO'}`,
  ].join('\n');
}

if (require.main === module) {
  runLoadBench({ rounds: argValue('--rounds'), runs: argValue('--runs'), warmupRounds: argValue('--warmup-rounds') })
    .then((r) => {
      process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(r, null, 2) : formatLoadBench(r)}\n`);
      if (!(r.met.health && r.met.post && r.met.cancel)) process.exitCode = TARGET_MISSED_EXIT_CODE;
    })
    .catch((error) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    });
}
