import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import Table from 'cli-table3';
import * as net from 'node:net';
import { packageRoot } from '../src/modules/config/package-root';
import { redisConnectionOf, RUN_QUEUE } from '../src/modules/queue/queue-config';
import { STUDY_QUEUE } from '../src/modules/queue/study-batch-job';
import type { RunJobOutcome } from '../src/modules/queue/run-job';
import { BENCH_KEY, benchEnv, setupSampleData, startServer, BenchServer } from './api-harness';
import { machineInfo, MachineInfo } from './machine';
import { cpuMsByName, cpuMsOf, machineCpuMs } from './process-cpu';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';

/*
 * The scale mode (`node dist/bench/queue.bench.js [--runs n] [--json]`): `dist/src/main.js` with
 * TRADINGGROUP_QUEUE over a fresh Postgres database and a queue of its own on Redis, and
 * `tradinggroup worker` processes (one run at a time each). Each run is sma-cross on the S&P 500
 * sample (5,105 daily bars). Measured:
 * - the overhead per queued job: runs submitted one at a time to one idle worker; a job's life in
 *   the queue (created → completed, BullMQ's own timestamps) minus the time its run took in the
 *   worker (taken → stored, as the worker reports it with the job's outcome);
 * - throughput: `--runs` runs submitted at once, with 1 and then 2 workers, from the first job
 *   created to the last completed.
 * Postgres and Redis as for the tests (TRADINGGROUP_TEST_POSTGRES, TRADINGGROUP_TEST_REDIS;
 * .ci/start-services starts both); without them the benchmark says so and stops.
 */

// pg ships without types; the benchmark needs a client's connect, query and end only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Client } = require('pg') as { Client: new (options: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient };
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

const POSTGRES_URL = process.env.TRADINGGROUP_TEST_POSTGRES || 'postgres://tradinggroup:tradinggroup@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TRADINGGROUP_TEST_REDIS || 'redis://127.0.0.1:6379';

/** Goals: a queued job costs little beside its run, and a second worker adds most of a worker's throughput. */
export const QUEUE_TARGET = { overheadMsPerJob: 25, twoWorkerSpeedup: 1.6 } as const;

const RUN = { strategy: 'sma-cross', symbols: ['SPX'], from: '2000-01-03', to: '2020-04-17' };

/** CPU milliseconds per run of a throughput round, by process (Redis: the whole server, other users' included; Postgres: the backends of the bench's database). */
export interface CpuPerRun {
  api: number;
  workers: number;
  redis: number;
  postgres: number;
}

export interface QueueBenchResult {
  machine: MachineInfo;
  runBars: number;
  overhead: {
    jobs: number;
    medianMs: number;
    minMs: number;
    maxMs: number;
    runMedianMs: number;
    /** Medians of its parts: created → handed to the worker; handed → run taken, plus stored → job completed. */
    parts: { waitMs: number; restMs: number };
  };
  throughput: Array<{ workers: number; runs: number; wallMs: number; runsPerSecond: number; cpuPerRunMs: CpuPerRun; machine: { busyShare: number; othersShare: number } }>;
  speedup: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Why the servers cannot be used, or null. */
export async function serversProblem(): Promise<string | null> {
  const pg = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
  } catch (e) {
    return `no Postgres at ${POSTGRES_URL.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}`;
  } finally {
    await pg.end().catch(() => undefined);
  }
  const { hostname, port } = new URL(REDIS_URL);
  const redis = await new Promise<string | null>((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3000, () => done('no answer within 3 s'));
    socket.once('error', (e) => done(e.message));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG') ? null : `unexpected answer ${JSON.stringify(d.toString().trim())}`));
  });
  return redis === null ? null : `no Redis at ${REDIS_URL}: ${redis}`;
}

export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `tg_queue_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: POSTGRES_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  try {
    const u = new URL(POSTGRES_URL);
    u.pathname = `/${name}`;
    return await work(u.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  }
}

/** Removes a queue of the benchmark's own (the API and the workers make both the runs' and the studies'). */
export async function obliterate(name: string, prefix: string): Promise<void> {
  const queue = new Queue(name, { connection: redisConnectionOf(REDIS_URL), prefix });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
}

export function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), 'worker'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (/taking runs from/.test(out)) {
        child.stdout!.removeListener('data', read).resume();
        child.stderr!.removeListener('data', read).resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`a worker exited with ${code}:\n${out}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function submit(url: string): Promise<string> {
  const res = await fetch(`${url}/backtests`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': BENCH_KEY }, body: JSON.stringify(RUN) });
  if (res.status !== 202) throw new Error(`POST /backtests answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function finished(queue: Queue, events: QueueEvents, id: string): Promise<Job<unknown, RunJobOutcome>> {
  const job = await queue.getJob(id);
  if (!job) throw new Error(`no job ${id} on the queue`);
  const outcome = (await job.waitUntilFinished(events, 120_000)) as RunJobOutcome;
  if (outcome.status !== 'done') throw new Error(`run ${id} ended ${outcome.status}: ${outcome.error ?? ''}`);
  return (await queue.getJob(id))!;
}

/** The Postgres backends serving the database at `url` (the API's and the workers' connections). */
async function backendsOf(url: string): Promise<number[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = (await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')) as { rows: Array<{ pid: number }> };
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/** CPU milliseconds so far of the API, the workers, Redis (the whole server) and each Postgres backend of the database at `db`. */
async function cpuNow(db: string, api: ChildProcess, workers: readonly ChildProcess[]): Promise<{ api: number; workers: number; redis: number; backends: Map<number, number> }> {
  const backends = new Map((await backendsOf(db)).map((pid) => [pid, cpuMsOf(pid)]));
  return { api: cpuMsOf(api.pid), workers: workers.reduce((sum, w) => sum + cpuMsOf(w.pid), 0), redis: cpuMsByName('redis-server'), backends };
}

async function throughput(url: string, queue: Queue, events: QueueEvents, workers: number, runs: number, processes: { db: string; api: ChildProcess; workers: ChildProcess[] }) {
  const before = await cpuNow(processes.db, processes.api, processes.workers);
  const machineBefore = machineCpuMs();
  const ids = await Promise.all(Array.from({ length: runs }, () => submit(url)));
  const jobs = await Promise.all(ids.map((id) => finished(queue, events, id)));
  const machineAfter = machineCpuMs();
  const after = await cpuNow(processes.db, processes.api, processes.workers);
  const wallMs = Math.max(...jobs.map((j) => j.finishedOn!)) - Math.min(...jobs.map((j) => j.timestamp));
  // A backend that began during the round counts whole; one that ended during it is not seen.
  const postgres = [...after.backends].reduce((sum, [pid, ms]) => sum + ms - (before.backends.get(pid) ?? 0), 0);
  const cpuPerRunMs: CpuPerRun = { api: (after.api - before.api) / runs, workers: (after.workers - before.workers) / runs, redis: (after.redis - before.redis) / runs, postgres: postgres / runs };
  const busy = machineAfter.busy - machineBefore.busy;
  const ours = (cpuPerRunMs.api + cpuPerRunMs.workers + cpuPerRunMs.redis + cpuPerRunMs.postgres) * runs;
  // The cores' busy share during the round: all processes, and the part of it not ours (other jobs on the machine).
  const machine = { busyShare: busy / (busy + machineAfter.idle - machineBefore.idle), othersShare: Math.max(0, busy - ours) / (busy + machineAfter.idle - machineBefore.idle) };
  return { workers, runs, wallMs, runsPerSecond: (runs / wallMs) * 1000, cpuPerRunMs, machine };
}

export async function runQueueBench(runs: number): Promise<QueueBenchResult> {
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-queue-bench-'));
  const prefix = `tg-bench-${process.pid}`;
  const connection = redisConnectionOf(REDIS_URL);
  const queue = new Queue(RUN_QUEUE, { connection, prefix });
  const events = new QueueEvents(RUN_QUEUE, { connection, prefix });
  // Every job of a throughput round is awaited at once.
  queue.setMaxListeners(runs + 10);
  events.setMaxListeners(runs + 10);
  const children: ChildProcess[] = [];
  let server: BenchServer | undefined;
  try {
    return await withDatabase(async (db) => {
      const env: NodeJS.ProcessEnv = { ...benchEnv(dir), TRADINGGROUP_DB: db, TRADINGGROUP_QUEUE: REDIS_URL, TRADINGGROUP_QUEUE_PREFIX: prefix, TRADINGGROUP_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn' };
      setupSampleData({ ...env, TRADINGGROUP_QUEUE: '' });
      await events.waitUntilReady();
      server = await startServer(env);
      children.push(await startWorker(env));

      // Untimed warm-up of the API, the worker and its threads.
      for (let i = 0; i < 3; i++) await finished(queue, events, await submit(server.url));
      const overheads: number[] = [];
      const own: number[] = [];
      const parts = { waitMs: [] as number[], restMs: [] as number[] };
      for (let i = 0; i < 15; i++) {
        const job = await finished(queue, events, await submit(server.url));
        const runMs = job.returnvalue.runMs!;
        own.push(runMs);
        overheads.push(job.finishedOn! - job.timestamp - runMs);
        parts.waitMs.push(job.processedOn! - job.timestamp);
        parts.restMs.push(job.finishedOn! - job.processedOn! - runMs);
      }
      const one = await throughput(server.url, queue, events, 1, runs, { db, api: server.child, workers: children });
      children.push(await startWorker(env));
      // Untimed warm-up of the second worker: runs at once, so that both workers take some.
      const url = server.url;
      await Promise.all(Array.from({ length: 6 }, async () => finished(queue, events, await submit(url))));
      const two = await throughput(server.url, queue, events, 2, runs, { db, api: server.child, workers: children });
      return {
        machine: machineInfo(),
        runBars: 5105,
        overhead: {
          jobs: overheads.length,
          medianMs: median(overheads),
          minMs: Math.min(...overheads),
          maxMs: Math.max(...overheads),
          runMedianMs: median(own),
          parts: { waitMs: median(parts.waitMs), restMs: median(parts.restMs) },
        },
        throughput: [one, two],
        speedup: two.runsPerSecond / one.runsPerSecond,
      };
    });
  } finally {
    await Promise.all(children.map(stop));
    await server?.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await Promise.all([queue.close(), events.close()]);
    await obliterate(STUDY_QUEUE, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(r: QueueBenchResult): boolean {
  const m = r.machine;
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, load average ${m.loadAverage.join(' ')}`);
  const o = r.overhead;
  const overheadMet = o.medianMs <= QUEUE_TARGET.overheadMsPerJob;
  console.log(
    `overhead per queued job (${o.jobs} jobs one at a time, sma-cross over ${r.runBars.toLocaleString('en-US')} bars): median ${o.medianMs.toFixed(1)} ms ` +
      `(${o.minMs.toFixed(1)}–${o.maxMs.toFixed(1)} ms) beside a run of ${o.runMedianMs.toFixed(1)} ms in the worker; target <= ${QUEUE_TARGET.overheadMsPerJob} ms: ${overheadMet ? 'met' : 'MISSED'}`,
  );
  console.log(`  of which (medians): created → handed to the worker ${o.parts.waitMs.toFixed(1)} ms; taking the run and completing the job ${o.parts.restMs.toFixed(1)} ms`);
  const table = new Table({
    head: ['workers', 'runs', 'wall s', 'runs/s', 'CPU ms per run: API', 'workers', 'Redis', 'Postgres', 'cores busy', 'of which others'],
    style: { head: [], border: [] },
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  for (const t of r.throughput) {
    const c = t.cpuPerRunMs;
    table.push([t.workers, t.runs, (t.wallMs / 1000).toFixed(2), t.runsPerSecond.toFixed(1), c.api.toFixed(1), c.workers.toFixed(1), c.redis.toFixed(1), c.postgres.toFixed(1), pct(t.machine.busyShare), pct(t.machine.othersShare)]);
  }
  console.log(table.toString());
  const speedupMet = r.speedup >= QUEUE_TARGET.twoWorkerSpeedup;
  console.log(`2 workers / 1 worker: ${r.speedup.toFixed(2)}× (target >= ${QUEUE_TARGET.twoWorkerSpeedup}× on ${m.cores} cores: ${speedupMet ? 'met' : 'MISSED'})`);
  return overheadMet && speedupMet;
}

async function main(): Promise<void> {
  const problem = await serversProblem();
  if (problem) {
    console.log(`skipped: the scale mode needs Postgres and Redis (.ci/start-services starts both): ${problem}`);
    return;
  }
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 100;
  const result = await runQueueBench(runs);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  if (!report(result)) process.exitCode = TARGET_MISSED_EXIT_CODE;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
