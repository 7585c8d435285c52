import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../src/modules/config/package-root';

/*
 * What the REST API benchmarks share: the API started as `npm start` does in its own process,
 * the sample data set up, a backtest run through the API, and autocannon.
 */

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number; average: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
export type Autocannon = (options: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const autocannon = require('autocannon') as Autocannon;

export const BENCH_KEY = 'bench-key';

/** The environment of an API over the temp directory `dir` (database, data, artifacts), on 127.0.0.1 and a free port. */
export function benchEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TRADINGGROUP_DB: join(dir, 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
    TRADINGGROUP_API_KEYS: BENCH_KEY,
    // As in production: every request logged (the harness reads the output and drops it).
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

/** Imports the sample data (`tradinggroup data setup`) into the environment's data directory. */
export function setupSampleData(env: NodeJS.ProcessEnv): void {
  const setup = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), 'data', 'setup'], { env, encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`data setup failed: ${setup.stderr}`);
}

/** A running API process and its URL. */
export interface BenchServer {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `dist/src/main.js` and resolves once it says where it listens. */
export function startServer(env: NodeJS.ProcessEnv): Promise<BenchServer> {
  const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start within 60 s:\n${out}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/[^\s"]+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        // From here on the server's output (its request log) is read and dropped.
        child.stdout!.removeListener('data', read).resume();
        child.stderr!.removeListener('data', read).resume();
        resolve({ child, url, stop });
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

/** Starts `body` through the API and waits for the run to be done; returns its id. */
export async function runBacktest(url: string, body: object): Promise<string> {
  const res = await fetch(`${url}/backtests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': BENCH_KEY },
    body: JSON.stringify(body),
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

/** The number after `name` on the command line, if given. */
export function argValue(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}
