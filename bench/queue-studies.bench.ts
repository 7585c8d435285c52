import { ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import Table from 'cli-table3';
import { packageRoot } from '../src/modules/config/package-root';
import { redisConnectionOf, RUN_QUEUE } from '../src/modules/queue/queue-config';
import { STUDY_QUEUE, StudyBatchJobData, StudyBatchOutcome } from '../src/modules/queue/study-batch-job';
import { BENCH_KEY, benchEnv, BenchServer, startServer } from './api-harness';
import { machineInfo } from './machine';
import { obliterate, REDIS_URL, serversProblem, startWorker, stop, withDatabase } from './queue.bench';

/*
 * Studies in the scale mode (`node dist/bench/queue-studies.bench.js`): the 1,000-backtest sweep
 * of bench/studies.bench.ts (sma-cross, fast=5..50:5 × slow=60..150:10 over the first 10 symbols
 * of the S&P 500 file in ../shared/data, 1,259 bars each) submitted to the API (`POST /sweeps`,
 * no run kept in full) over a fresh Postgres database:
 * - embedded: the API measuring it on its own worker threads (every core);
 * - scale mode: the API with TRADINGGROUP_QUEUE and 1, then 2, `tradinggroup worker` processes
 *   (each warmed up first by a small sweep).
 * Timed from the POST to the study shown done (read every 50 ms). For the queue rounds, per study
 * job (BullMQ's timestamps and the time the worker reports): the runs' time in the worker, and
 * the rest of the job's time in the worker (its status read, handing the runs to its threads and
 * the results back). The three rounds must give the same summary. No target: the figures show
 * what the queue costs a study beside the embedded threads. Needs ../shared/data, Postgres and
 * Redis (as bench/queue.bench.ts); without them it says so and stops.
 */

const SP500 = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'prices', 'sp500_5yr', 'all_stocks_5yr.csv');
const GRID = 'fast=5..50:5,slow=60..150:10';

interface Round {
  mode: string;
  runs: number;
  wallMs: number;
  jobs?: { count: number; runsMedianMs: number; restMedianMs: number };
  summary: unknown;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function api(url: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': BENCH_KEY },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Posts a sweep and resolves with the study once it is done, and the time from the POST to then. */
async function sweep(url: string, symbols: readonly string[], grid: string): Promise<{ id: string; total: number; summary: unknown; wallMs: number }> {
  const started = performance.now();
  const { id } = await api(url, '/sweeps', { strategy: 'sma-cross', grid, symbols, keepBest: 0 });
  for (;;) {
    const study = await api(url, `/sweeps/${id}?limit=1`);
    if (study.status === 'done') return { id, total: study.total, summary: study.summary, wallMs: performance.now() - started };
    if (study.status !== 'running') throw new Error(`sweep ${id} ended ${study.status}: ${study.error}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function jobFigures(queue: Queue<StudyBatchJobData, StudyBatchOutcome>, studyId: string): Promise<Round['jobs']> {
  const jobs = (await queue.getJobs(['completed'])).filter((j) => j?.data.studyId === studyId);
  const measured = jobs.map((j) => (j.returnvalue as { measuredMs: number }).measuredMs);
  const rest = jobs.map((j, k) => j.finishedOn! - j.processedOn! - measured[k]);
  return { count: jobs.length, runsMedianMs: median(measured), restMedianMs: median(rest) };
}

async function main(): Promise<void> {
  const m = machineInfo();
  console.log(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average ${m.loadAverage.join(' / ')}`);
  if (!existsSync(SP500)) {
    console.log(`skipped: ${SP500} is not present (../shared/data is in CI, not in a fresh clone)`);
    return;
  }
  const problem = await serversProblem();
  if (problem) {
    console.log(`skipped: the scale mode needs Postgres and Redis (.ci/start-services starts both): ${problem}`);
    return;
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-queue-studies-bench-'));
  const prefix = `tg-bench-studies-${process.pid}`;
  const queue = new Queue<StudyBatchJobData, StudyBatchOutcome>(STUDY_QUEUE, { connection: redisConnectionOf(REDIS_URL), prefix });
  const workers: ChildProcess[] = [];
  let server: BenchServer | undefined;
  try {
    const rounds = await withDatabase(async (db) => {
      const embeddedEnv: NodeJS.ProcessEnv = { ...benchEnv(dir), TRADINGGROUP_DB: db, TRADINGGROUP_QUEUE: '', TRADINGGROUP_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn' };
      const queuedEnv: NodeJS.ProcessEnv = { ...embeddedEnv, TRADINGGROUP_QUEUE: REDIS_URL, TRADINGGROUP_QUEUE_PREFIX: prefix };
      const cli = (args: string[]) => {
        const out = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), ...args], { env: embeddedEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        if (out.status !== 0) throw new Error(`tradinggroup ${args.join(' ')} exited ${out.status}: ${out.stderr.slice(0, 2000)}`);
        return out.stdout;
      };
      cli(['data', 'import', SP500, '--on-bad-row', 'skip']);
      const symbols = (JSON.parse(cli(['data', 'list', '--json'])) as Array<{ symbol: string }>).slice(0, 10).map((d) => d.symbol);
      const out: Round[] = [];

      server = await startServer(embeddedEnv);
      await sweep(server.url, symbols.slice(0, 1), 'fast=5|10,slow=60'); // untimed warm-up
      const embedded = await sweep(server.url, symbols, GRID);
      out.push({ mode: `embedded (${os.availableParallelism()} threads)`, runs: embedded.total, wallMs: embedded.wallMs, summary: embedded.summary });
      await server.stop();

      server = await startServer(queuedEnv);
      for (const count of [1, 2]) {
        workers.push(await startWorker(queuedEnv));
        await sweep(server.url, symbols.slice(0, 2), 'fast=5..50:5,slow=60|70'); // untimed warm-up of the new worker
        const queued = await sweep(server.url, symbols, GRID);
        out.push({ mode: `queue, ${count} worker${count === 1 ? '' : 's'}`, runs: queued.total, wallMs: queued.wallMs, jobs: await jobFigures(queue, queued.id), summary: queued.summary });
      }
      return out;
    });
    const table = new Table({ head: ['measured by', 'runs', 'wall s', 'runs/s', 'jobs', 'runs of a job ms', 'rest of a job ms'], style: { head: [], border: [] }, colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'] });
    for (const r of rounds) {
      table.push([r.mode, r.runs, (r.wallMs / 1000).toFixed(2), (r.runs / (r.wallMs / 1000)).toFixed(0), r.jobs?.count ?? '', r.jobs ? r.jobs.runsMedianMs.toFixed(1) : '', r.jobs ? r.jobs.restMedianMs.toFixed(1) : '']);
    }
    console.log(`POST /sweeps sma-cross ${GRID} over 10 S&P 500 symbols, POST to done (job figures: medians):`);
    console.log(table.toString());
    const same = rounds.every((r) => JSON.stringify(r.summary) === JSON.stringify(rounds[0].summary));
    console.log(`2 workers / 1 worker: ${(rounds[1].wallMs / rounds[2].wallMs).toFixed(2)}×; the three summaries are ${same ? 'the same' : 'NOT the same'}; load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
    if (!same) process.exitCode = 1;
  } finally {
    await Promise.all(workers.map(stop));
    await server?.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await obliterate(RUN_QUEUE, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
