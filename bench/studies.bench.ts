import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { packageRoot } from '../src/modules/config/package-root';
import { machineInfo } from './machine';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';

/*
 * Studies on the embedded worker threads: a sweep of 1,000 sma-cross backtests (a 100-point grid,
 * fast=5..50:5 × slow=60..150:10, over the first 10 symbols of the S&P 500 file in
 * ../shared/data, its 5 years 2013-02-08..2018-02-07), timed as whole `tradinggroup sweep`
 * commands (start-up, planning, the runs, storing every run's metrics, the 3 best runs stored in
 * full, the summary and the report). Goal: under 10 s wall with every core. The same sweep on
 * one worker thread and on the main thread shows what the threads bring. Skipped with a note
 * without ../shared/data.
 */

const CLI_ENTRY = join(packageRoot(), 'dist', 'src', 'cli.js');
const SP500 = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'prices', 'sp500_5yr', 'all_stocks_5yr.csv');
const GRID = 'fast=5..50:5,slow=60..150:10';
const GOAL_MS = 10_000;

interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
}

function cli(box: Sandbox, args: string[]): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const out = spawnSync(process.execPath, [CLI_ENTRY, ...args], { cwd: box.dir, env: box.env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out.status !== 0) throw new Error(`tradinggroup ${args.join(' ')} exited ${out.status}: ${out.stderr.slice(0, 2000)}`);
  return { ms, stdout: out.stdout };
}

interface SweepFigures {
  workers: string;
  runs: number;
  wallMs: number;
}

function main(): void {
  const m = machineInfo();
  console.log(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average ${m.loadAverage.join(' / ')}`);
  if (!existsSync(SP500)) {
    console.log(`skipped: ${SP500} is not present (../shared/data is in CI, not in a fresh clone)`);
    return;
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-studies-'));
  const box: Sandbox = { dir, env: { ...process.env, TRADINGGROUP_DB: join(dir, 'db.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') } };
  try {
    cli(box, ['data', 'import', SP500, '--on-bad-row', 'skip']);
    const symbols = (JSON.parse(cli(box, ['data', 'list', '--json']).stdout) as Array<{ symbol: string }>).slice(0, 10).map((d) => d.symbol);
    const sweep = (workers: string | null) =>
      cli(box, ['sweep', '--strategy', 'sma-cross', '--grid', GRID, '--symbols', symbols.join(','), ...(workers === null ? [] : ['--workers', workers]), '--json']);
    sweep('2'); // untimed: warms the disk cache and the compiled code on disk
    const figures: SweepFigures[] = [];
    for (const workers of [null, '1', '0']) {
      const out = sweep(workers);
      const study = JSON.parse(out.stdout) as { status: string; results: unknown[] };
      if (study.status !== 'done') throw new Error(`the sweep ended ${study.status}`);
      figures.push({ workers: workers === null ? `${os.availableParallelism()} (every core)` : workers === '0' ? 'main thread' : workers, runs: study.results.length, wallMs: out.ms });
    }
    const table = new Table({ head: ['workers', 'runs', 'wall s', 'runs/s', 'ms per run'], style: { head: [], border: [] }, colAligns: ['left', 'right', 'right', 'right', 'right'] });
    for (const f of figures) table.push([f.workers, f.runs, (f.wallMs / 1000).toFixed(2), (f.runs / (f.wallMs / 1000)).toFixed(0), (f.wallMs / f.runs).toFixed(2)]);
    console.log(`sweep sma-cross ${GRID} over ${symbols.join(',')} (1,259 bars each), whole commands:`);
    console.log(table.toString());
    const met = figures[0].wallMs < GOAL_MS;
    console.log(`1,000 backtests on every core: ${(figures[0].wallMs / 1000).toFixed(2)} s (goal < ${GOAL_MS / 1000} s): ${met ? 'met' : 'MISSED'}; load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
    if (!met) process.exitCode = TARGET_MISSED_EXIT_CODE;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
