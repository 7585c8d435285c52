import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import { Agreement, benchSeries, BenchResult, checkAgreement, ENGINE_BENCHMARKS, measure } from './engine.bench';
import { machineInfo } from './machine';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';
import { DEFAULT_TIMING } from './timing';

/*
 * Entry of `npm run bench`. Each benchmark runs in a fresh Node process (this file with
 * `--only <id>`), so one benchmark's JIT feedback and heap state cannot colour another's.
 */

/** One engine benchmark in a child process: its result, or why it failed (the others still run). */
function measureInChild(id: string): BenchResult | string {
  const out = spawnSync(process.execPath, [__filename, '--only', id], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (out.status !== 0) return `engine benchmark ${id}: failed (${out.signal ?? `exit ${out.status}`})`;
  return JSON.parse(out.stdout) as BenchResult;
}

const millions = (x: number | null): string => (x === null ? '-' : `${(x / 1e6).toFixed(1)} M`);

function printReport(results: BenchResult[], agreement: Agreement | null): void {
  const table = new Table({
    head: ['benchmark', 'median ms', 'min–max ms', 'bars/s', 'target', 'met'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'center'],
  });
  for (const r of results) {
    const met = r.target === null ? '' : r.barsPerSecond >= r.target ? 'yes' : 'NO';
    const { medianMs, minMs, maxMs } = r.timing;
    table.push([r.name, medianMs.toFixed(2), `${minMs.toFixed(1)}–${maxMs.toFixed(1)}`, millions(r.barsPerSecond), millions(r.target), met]);
  }
  console.log(table.toString());
  const byId = new Map(results.map((r) => [r.id, r.timing.medianMs]));
  const hand = byId.get('hand-written');
  const ratio = (id: string) => (hand === undefined || !byId.has(id) ? '–' : `${(byId.get(id)! / hand).toFixed(2)}×`);
  if (agreement) {
    console.log(`final equity: engine ${agreement.engineEquity.toFixed(6)}, hand-written ${agreement.handWrittenEquity.toFixed(6)} ` +
    `(worst relative gap over all bars ${agreement.worstGap.toExponential(1)}); fills: engine ${agreement.engineFills}, hand-written ${agreement.handWrittenFills}`);
  }
  console.log(`engine loop / hand-written: ${ratio('loop')} (goal <= 5×)`);
  console.log(`engine end to end / hand-written: ${ratio('end-to-end')}`);
}

function main(): void {
  const only = process.argv.indexOf('--only');
  if (only >= 0) {
    process.stdout.write(JSON.stringify(measure(process.argv[only + 1], benchSeries())));
    return;
  }
  const m = machineInfo();
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}`);
  // A benchmark that misses its target or fails is reported, and the next one runs all the same.
  const problems: string[] = [];
  const bars = benchSeries();
  let agreement: Agreement | null = null;
  try {
    agreement = checkAgreement(bars);
  } catch (err) {
    problems.push(`engine agreement check: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log(
    `series: ${bars.length.toLocaleString('en-US')} daily bars (AAPL sample repeated); each benchmark in its own process, ` +
      `${DEFAULT_TIMING.warmup} warm-up + ${DEFAULT_TIMING.runs} timed runs, median reported\n`,
  );
  const results: BenchResult[] = [];
  for (const id of Object.keys(ENGINE_BENCHMARKS)) {
    const r = measureInChild(id);
    if (typeof r === 'string') problems.push(r);
    else results.push(r);
  }
  printReport(results, agreement);
  for (const r of results) if (r.target !== null && r.barsPerSecond < r.target) problems.push(`${r.name}: target missed`);
  for (const [title, script] of OTHER_BENCHMARKS) {
    console.log(`\n${title}`);
    const { status, signal } = spawnSync(process.execPath, [resolve(__dirname, script)], { stdio: 'inherit' });
    if (status === TARGET_MISSED_EXIT_CODE) problems.push(`${title}: target missed`);
    else if (status !== 0) problems.push(`${title}: failed (${signal ?? `exit ${status}`})`);
  }
  if (problems.length > 0) {
    console.log(`\n${problems.join('\n')}`);
    process.exitCode = 1;
  }
}

/** The other benchmarks, each run alone in its own process (their files print their own report). */
const OTHER_BENCHMARKS: Array<[string, string]> = [
  ['TradingGroup pipeline (AAPL 2005–2015 with news; needs ../shared/data)', 'pipeline.bench.js'],
  ['Similar-case retrieval (5 of 100,000 cases)', 'retrieval.bench.js'],
  ['News sentiment (accuracy on labelled sets and throughput; needs ../shared/data)', 'news-sentiment.bench.js'],
  ['REST API (autocannon on loopback, 5,000-bar run)', 'api.bench.js'],
  ['REST API run list (autocannon on loopback, 10,000 runs stored)', 'api-list.bench.js'],
  ['REST API under a burst of runs (50 backtests submitted at once; /health, POST and cancel latency)', 'api-load.bench.js'],
  ['Command-line start-up (whole commands, each a fresh process)', 'cli.bench.js'],
  ['Around the engine (compare over 200 S&P 500 symbols, a 1,000,000-bar --data backtest, a run\'s database footprint)', 'around-engine.bench.js'],
  ['Paper kernel (one tick of a daily session over 1, 5 and 10 years of history)', 'paper.bench.js'],
  ['Studies (a 1,000-backtest sweep over 10 S&P 500 symbols on worker threads; needs ../shared/data)', 'studies.bench.js'],
  ['llm mode (120 sessions against a local chat server answering in 200 ms; about 80 s)', 'llm.bench.js'],
  ['Scale mode (the API and 1, then 2, queue workers on Postgres and Redis; needs both servers)', 'queue.bench.js'],
  ['Scale-mode studies (the 1,000-backtest sweep through POST /sweeps: embedded, then on 1 and 2 queue workers; needs ../shared/data and both servers)', 'queue-studies.bench.js'],
];

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
