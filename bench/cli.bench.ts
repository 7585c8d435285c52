import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { packageRoot } from '../src/modules/config/package-root';
import { machineInfo } from './machine';

/*
 * Command-line start-up benchmark (`node dist/bench/cli.bench.js [--runs n] [--json]`). Each
 * command runs as a user types it: a fresh `node dist/src/cli.js ...` process, timed from spawn to
 * exit, over a temp database with the sample data. One untimed run first, then `runs` timed runs;
 * the median and the maximum are reported against the target.
 *
 * A backtest's start-up is everything before the engine: the process, the modules, the database,
 * the data. It is measured on a short window (the sample AAPL from 2018-01-02, 90 sessions) as the
 * whole command's time minus what the run recorded for the engine and the artifacts; the rest of
 * the end (storing the run, printing, exiting) stays in the figure, so it overstates start-up a
 * little.
 */

export interface CliBenchCase {
  name: string;
  args: string[];
  targetMs: number;
  /** Start-up of a backtest: subtract the engine and artifact times the run recorded. */
  startupOfRun?: boolean;
}

export interface CliBenchResult {
  name: string;
  command: string;
  medianMs: number;
  maxMs: number;
  runsMs: number[];
  targetMs: number;
  met: boolean;
}

const WINDOW = ['--symbol', 'AAPL', '--from', '2018-01-02'];

export const CLI_CASES: CliBenchCase[] = [
  { name: '--version', args: ['--version'], targetMs: 500 },
  { name: '--help', args: ['--help'], targetMs: 500 },
  { name: 'backtest start-up (sma-cross)', args: ['backtest', '-s', 'sma-cross', ...WINDOW, '--json'], targetMs: 1_500, startupOfRun: true },
  { name: 'backtest start-up (tradinggroup)', args: ['backtest', '-s', 'tradinggroup', ...WINDOW, '--json'], targetMs: 1_500, startupOfRun: true },
  { name: 'runs list (whole command)', args: ['runs', 'list'], targetMs: 1_500 },
];

export function runCliBench(runs = 7): CliBenchResult[] {
  const cliEntry = join(packageRoot(), 'dist', 'src', 'cli.js');
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-cli-bench-'));
  const env = {
    ...process.env,
    TRADINGGROUP_DB: join(dir, 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
  };
  const cli = (args: string[]): { ms: number; stdout: string } => {
    const start = process.hrtime.bigint();
    const out = spawnSync(process.execPath, [cliEntry, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (out.status !== 0) throw new Error(`tradinggroup ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
    return { ms, stdout: out.stdout };
  };
  try {
    cli(['data', 'setup']);
    return CLI_CASES.map((c) => {
      const once = (): number => {
        const { ms, stdout } = cli(c.args);
        if (!c.startupOfRun) return ms;
        const { id } = JSON.parse(stdout) as { id: string };
        const { timings } = JSON.parse(cli(['runs', 'show', id, '--json']).stdout) as { timings: Record<string, number> };
        return ms - (timings.engineMs ?? 0) - (timings.artifactsMs ?? 0);
      };
      once();
      const runsMs = Array.from({ length: runs }, once);
      const sorted = [...runsMs].sort((a, b) => a - b);
      const medianMs = sorted[sorted.length >> 1];
      const maxMs = sorted[sorted.length - 1];
      return { name: c.name, command: `tradinggroup ${c.args.join(' ')}`, medianMs, maxMs, runsMs, targetMs: c.targetMs, met: maxMs < c.targetMs };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printReport(results: CliBenchResult[], runs: number): void {
  const table = new Table({
    head: ['command', 'median ms', 'max ms', 'target ms', 'met'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'center'],
  });
  for (const r of results) table.push([r.name, r.medianMs.toFixed(0), r.maxMs.toFixed(0), String(r.targetMs), r.met ? 'yes' : 'NO']);
  console.log(table.toString());
  console.log(`${runs} timed runs each after one untimed run; a target is met when the slowest run is under it`);
  for (const r of results.filter((x) => !x.met)) console.log(`MISSED: ${r.name} took up to ${r.maxMs.toFixed(0)} ms (target ${r.targetMs} ms)`);
}

if (require.main === module) {
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 7;
  const m = machineInfo();
  const results = runCliBench(runs);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ machine: m, runs, results }, null, 2));
  else {
    console.log(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load average ${m.loadAverage.join(' ')}`);
    printReport(results, runs);
  }
}
