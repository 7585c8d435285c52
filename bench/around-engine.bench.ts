import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { isoDay } from '../src/core/market/dates';
import { packageRoot } from '../src/modules/config/package-root';
import { createDataSource } from '../src/modules/persistence/data-source.factory';
import { openPersistence } from '../src/modules/persistence/open-persistence';
import { benchSeries } from './engine.bench';
import { machineInfo } from './machine';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';

/*
 * Everything around the engine (`node dist/bench/around-engine.bench.js [--symbols n]`), each
 * command run as a user types it (a fresh `node dist/src/cli.js …` process over a temp data
 * directory and database):
 *
 * 1. compare: sma-cross over N symbols of the S&P 500 file in ../shared/data (skipped without
 *    it). The cost of a run beyond its engine is (wall of the N-symbol compare − wall of a
 *    1-symbol compare) / (N − 1) − the mean engine time the runs recorded: storing, artifacts,
 *    report and loading, without the process start-up. Target ≤ 5 ms.
 * 2. backtest --data on a 1,000,000-bar file (the engine bench's series written as a CSV):
 *    wall time (target ≤ 2.5 s) and peak memory beyond the same command on a 1,000-bar file,
 *    against the series' own size (6 doubles a bar; target < 3×).
 * 3. the database footprint of a 5,105-bar TradingGroup run (SPX sample) and the time to read
 *    its equity and one day of its decision trace back.
 *
 * `--only compare|big|footprint` runs one of them.
 */

const CLI_ENTRY = join(packageRoot(), 'dist', 'src', 'cli.js');
const PRELOAD = join(__dirname, 'max-rss.preload.js');
const SP500 = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'prices', 'sp500_5yr', 'all_stocks_5yr.csv');

interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
}

function sandbox(): Sandbox {
  const dir = mkdtempSync(join(os.tmpdir(), 'tg-around-'));
  return {
    dir,
    env: { ...process.env, TRADINGGROUP_DB: join(dir, 'db.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') },
  };
}

/** Runs the CLI; returns its wall time, its output and its peak RSS (bytes). */
function cli(box: Sandbox, args: string[]): { ms: number; stdout: string; maxRss: number } {
  const rssFile = join(box.dir, 'max-rss');
  const start = process.hrtime.bigint();
  const out = spawnSync(process.execPath, ['-r', PRELOAD, CLI_ENTRY, ...args], {
    cwd: box.dir, env: { ...box.env, TG_BENCH_MAX_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out.status !== 0) throw new Error(`tradinggroup ${args.join(' ')} exited ${out.status}: ${out.stderr.slice(0, 2000)}`);
  return { ms, stdout: out.stdout, maxRss: Number(readFileSync(rssFile, 'utf8')) };
}

interface CompareFigures {
  symbols: number;
  wallMs: number;
  oneSymbolMs: number;
  meanEngineMs: number;
  beyondEngineMs: number;
  met: boolean;
}

async function compareBench(symbolCount: number): Promise<CompareFigures | null> {
  if (!existsSync(SP500)) return null;
  const box = sandbox();
  try {
    cli(box, ['data', 'import', SP500, '--on-bad-row', 'skip']);
    const all = (JSON.parse(cli(box, ['data', 'list', '--json']).stdout) as Array<{ symbol: string }>).map((d) => d.symbol);
    const symbols = all.slice(0, symbolCount);
    const compare = (list: string[]) => cli(box, ['compare', '--strategies', 'sma-cross', '--symbols', list.join(','), '--json']);
    compare(symbols.slice(0, 2)); // untimed: warms the disk cache
    const one = compare(symbols.slice(0, 1)).ms;
    const many = compare(symbols);
    const runs = JSON.parse(many.stdout) as Array<{ id: string }>;
    const engine: number[] = [];
    const db = await openPersistence(box.env.TRADINGGROUP_DB!);
    try {
      for (const r of runs) engine.push((await db.runs.getRun(r.id))!.timings.engineMs);
    } finally {
      await db.close();
    }
    const meanEngineMs = engine.reduce((a, b) => a + b, 0) / engine.length;
    const beyondEngineMs = (many.ms - one) / (symbols.length - 1) - meanEngineMs;
    return { symbols: symbols.length, wallMs: many.ms, oneSymbolMs: one, meanEngineMs, beyondEngineMs, met: beyondEngineMs <= 5 };
  } finally {
    rmSync(box.dir, { recursive: true, force: true });
  }
}

interface BigFileFigures {
  bars: number;
  fileBytes: number;
  wallMs: number;
  peakRss: number;
  baselineRss: number;
  seriesBytes: number;
  memoryRatio: number;
  reportBytes: number;
  equityCsvBytes: number;
  databaseBytes: number;
  met: boolean;
}

/** The engine bench's series as a Yahoo-layout CSV (prices to 4 decimals), the first `bars` bars. */
export function writeSeriesCsv(path: string, bars: number): number {
  const s = benchSeries();
  const parts = ['Date,Open,High,Low,Close,Volume\n'];
  for (let i = 0; i < bars; i++) {
    const o = +s.open[i].toFixed(4);
    const c = +s.close[i].toFixed(4);
    const h = Math.max(+s.high[i].toFixed(4), o, c);
    const l = Math.min(+s.low[i].toFixed(4), o, c);
    parts.push(`${isoDay(s.time[i])},${o},${h},${l},${c},${Math.round(s.volume[i])}\n`);
  }
  writeFileSync(path, parts.join(''));
  return statSync(path).size;
}

function bigFileBench(): BigFileFigures {
  const box = sandbox();
  try {
    const small = join(box.dir, 'small.csv');
    const big = join(box.dir, 'big.csv');
    writeSeriesCsv(small, 1_000);
    const fileBytes = writeSeriesCsv(big, 1_000_000);
    const baseline = cli(box, ['backtest', '-s', 'sma-cross', '--data', small, '--json']);
    const run = cli(box, ['backtest', '-s', 'sma-cross', '--data', big, '--json']);
    const { artifactsDir } = JSON.parse(run.stdout) as { artifactsDir: string };
    const seriesBytes = 1_000_000 * 6 * 8;
    const memoryRatio = (run.maxRss - baseline.maxRss) / seriesBytes;
    return {
      bars: 1_000_000, fileBytes, wallMs: run.ms, peakRss: run.maxRss, baselineRss: baseline.maxRss, seriesBytes, memoryRatio,
      reportBytes: statSync(join(artifactsDir, 'report.html')).size,
      equityCsvBytes: statSync(join(artifactsDir, 'equity.csv')).size,
      databaseBytes: statSync(box.env.TRADINGGROUP_DB!).size + (existsSync(`${box.env.TRADINGGROUP_DB}-wal`) ? statSync(`${box.env.TRADINGGROUP_DB}-wal`).size : 0),
      met: run.ms <= 2_500 && memoryRatio < 3,
    };
  } finally {
    rmSync(box.dir, { recursive: true, force: true });
  }
}

interface FootprintFigures {
  bars: number;
  runBytes: number;
  equityReadMs: number;
  dayReadMs: number;
  wholeTraceReadMs: number;
  traceEntries: number;
}

async function footprintBench(): Promise<FootprintFigures> {
  const box = sandbox();
  try {
    cli(box, ['data', 'setup']);
    const db = box.env.TRADINGGROUP_DB!;
    const empty = join(box.dir, 'empty.sqlite');
    await vacuumed(db, empty);
    const run = JSON.parse(cli(box, ['backtest', '-s', 'tradinggroup', '--symbol', 'SPX', '--json']).stdout) as { id: string };
    const full = join(box.dir, 'full.sqlite');
    await vacuumed(db, full);
    const p = await openPersistence(db);
    try {
      const equity = await p.runs.getEquity(run.id);
      const day = equity[Math.floor(equity.length / 2)].date;
      const median = async (fn: () => Promise<unknown>) => {
        const ms: number[] = [];
        for (let i = 0; i < 25; i++) {
          const t = process.hrtime.bigint();
          await fn();
          ms.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        return ms.sort((a, b) => a - b)[12];
      };
      return {
        bars: equity.length,
        runBytes: statSync(full).size - statSync(empty).size,
        equityReadMs: await median(() => p.runs.getEquity(run.id)),
        dayReadMs: await median(() => p.runs.getDecisions(run.id, { date: day })),
        wholeTraceReadMs: await median(() => p.runs.getDecisions(run.id)),
        traceEntries: (await p.runs.getDecisions(run.id)).length,
      };
    } finally {
      await p.close();
    }
  } finally {
    rmSync(box.dir, { recursive: true, force: true });
  }
}

/** A compacted copy of a SQLite file (VACUUM INTO), so its size counts pages in use only. */
async function vacuumed(db: string, copy: string): Promise<void> {
  const ds = await createDataSource(db);
  try {
    await ds.query(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  } finally {
    await ds.destroy();
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const PARTS = ['compare', 'big', 'footprint'] as const;

/** `--only <part>` runs one part; without it every part runs. */
function partsAsked(argv: string[]): ReadonlySet<string> {
  const at = argv.indexOf('--only');
  if (at < 0) return new Set(PARTS);
  const part = argv[at + 1];
  if (!(PARTS as readonly string[]).includes(part)) throw new Error(`--only takes ${PARTS.join(', ')}, not ${part}`);
  return new Set([part]);
}

/** Prints the compare's figures; false when its target is missed. */
async function reportCompare(symbols: number): Promise<boolean> {
  const compare = await compareBench(symbols);
  if (compare === null) {
    console.log(`compare: skipped (${SP500} is not present)`);
    return true;
  }
  const t = new Table({ head: ['compare sma-cross', 'value'], style: { head: [], border: [] } });
  t.push(
    [`${compare.symbols} symbols, whole command`, `${(compare.wallMs / 1000).toFixed(2)} s`],
    ['1 symbol, whole command', `${compare.oneSymbolMs.toFixed(0)} ms`],
    ['engine per run (mean)', `${compare.meanEngineMs.toFixed(2)} ms`],
    ['beyond the engine per run (target ≤ 5 ms)', `${compare.beyondEngineMs.toFixed(2)} ms ${compare.met ? 'met' : 'MISSED'}`],
  );
  console.log(t.toString());
  return compare.met;
}

/** Prints the 1M-bar backtest's figures; false when a target is missed. */
function reportBigFile(): boolean {
  const big = bigFileBench();
  const t = new Table({ head: ['backtest --data, 1,000,000 bars', 'value'], style: { head: [], border: [] } });
  t.push(
    ['file', mb(big.fileBytes)],
    ['whole command (target ≤ 2.5 s)', `${(big.wallMs / 1000).toFixed(2)} s`],
    ['peak RSS / with a 1,000-bar file', `${mb(big.peakRss)} / ${mb(big.baselineRss)}`],
    ['memory beyond that / series size (target < 3)', `${mb(big.peakRss - big.baselineRss)} / ${mb(big.seriesBytes)} = ${big.memoryRatio.toFixed(2)}`],
    ['report.html / equity.csv / database', `${mb(big.reportBytes)} / ${mb(big.equityCsvBytes)} / ${mb(big.databaseBytes)}`],
    ['targets', big.met ? 'met' : 'MISSED'],
  );
  console.log(t.toString());
  return big.met;
}

async function reportFootprint(): Promise<void> {
  const fp = await footprintBench();
  const f = new Table({ head: ['TradingGroup run on SPX', 'value'], style: { head: [], border: [] } });
  f.push(
    ['bars / trace entries', `${fp.bars} / ${fp.traceEntries}`],
    ['database footprint of the run', mb(fp.runBytes)],
    ['read its equity (median of 25)', `${fp.equityReadMs.toFixed(2)} ms`],
    ['read one day of its trace', `${fp.dayReadMs.toFixed(2)} ms`],
    ['read its whole trace', `${fp.wholeTraceReadMs.toFixed(1)} ms`],
  );
  console.log(f.toString());
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--symbols');
  const symbols = at >= 0 ? Number(process.argv[at + 1]) : 200;
  const parts = partsAsked(process.argv);
  const m = machineInfo();
  console.log(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load average ${m.loadAverage.join(' ')}`);
  let met = true;
  if (parts.has('compare')) met = (await reportCompare(symbols)) && met;
  if (parts.has('big')) met = reportBigFile() && met;
  if (parts.has('footprint')) await reportFootprint();
  if (!met) process.exitCode = TARGET_MISSED_EXIT_CODE;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  });
}
