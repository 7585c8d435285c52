import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import { resolveRun, ResolvedRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { BarSeries, truncateSeries } from '../src/core/market/bar-series';
import { isoDay } from '../src/core/market/dates';
import { runSleeve } from '../src/core/paper/paper-kernel';
import { SleeveHistory, sleeveStep } from '../src/core/paper/sleeve-step';
import { loadAaplSample, repeatContinuous } from './aapl-series';
import { machineInfo } from './machine';
import { TARGET_MISSED_EXIT_CODE } from './target-missed';

/*
 * Paper kernel benchmark (`node dist/bench/paper.bench.js [--json]`). A tick of a paper session
 * runs the sleeve again over every bar it has (docs/architecture.md says why), so its cost grows
 * with the session's history. Measured here: one tick of a daily session whose history is 1, 5
 * and 10 years of bars after a year of warm-up (the sample AAPL series repeated end to end): the
 * kernel run over every bar plus the check of what it stored before (`runSleeve` + `sleeveStep`),
 * without the feed and the database. Two strategies: sma-cross (a rule strategy) and TradingGroup
 * in the analytic mode without news (news needs ../shared/data; the pipeline bench measures it).
 *
 * Target: a tick over 10 years of daily history within 1 s, the shortest replay tick the docs
 * use for a demonstration of several months; a daily schedule leaves far more room.
 */

const WARM_UP = 252;
const YEARS = [1, 5, 10];
const TARGET_MS = 1000;
const TIMED_RUNS = 15;

interface PaperBenchResult {
  strategy: string;
  years: number;
  bars: number;
  medianMs: number;
  /** CPU time of the process during the tick (user + system): what the tick costs on a busy machine. */
  cpuMedianMs: number;
  minMs: number;
  maxMs: number;
  target: number | null;
}

function strategyParams(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'strategies', `${name}.json`), 'utf8')).params ?? {};
}

function sleeve(kind: string, bars: BarSeries): ResolvedRun {
  return resolveRun(
    RunSpec.parse({
      strategy: { name: kind, kind, params: strategyParams(kind) },
      symbol: bars.symbol,
      from: isoDay(bars.time[WARM_UP]),
      to: isoDay(bars.time[bars.length - 1]),
    }),
  );
}

/** The tick that adds the newest bar of `bars`, after the ticks before it stored their orders. */
async function measureTick(kind: string, bars: BarSeries): Promise<{ runsMs: number[]; cpuMs: number[] }> {
  const run = sleeve(kind, bars);
  const before = await runSleeve({ resolved: run, bars: truncateSeries(bars, bars.length - 1), startBar: WARM_UP, final: false });
  const history: SleeveHistory = { orders: before.result.orders, memoryCases: before.result.memory.length };
  const tick = async () => sleeveStep(history, await runSleeve({ resolved: run, bars, startBar: WARM_UP, final: false }));
  for (let i = 0; i < 3; i++) await tick();
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const step = await tick();
    runsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    if (step.time !== bars.time[bars.length - 1]) throw new Error(`${kind}: the tick did not add the newest bar`);
  }
  return { runsMs, cpuMs };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const sample = loadAaplSample();
  const results: PaperBenchResult[] = [];
  for (const kind of ['sma-cross', 'tradinggroup']) {
    for (const years of YEARS) {
      const bars = repeatContinuous('AAPL', sample, WARM_UP + years * 252);
      const { runsMs, cpuMs } = await measureTick(kind, bars);
      const sorted = [...runsMs].sort((a, b) => a - b);
      results.push({
        strategy: kind,
        years,
        bars: bars.length,
        medianMs: median(runsMs),
        cpuMedianMs: median(cpuMs),
        minMs: sorted[0],
        maxMs: sorted[sorted.length - 1],
        target: years === 10 ? TARGET_MS : null,
      });
    }
  }
  const missed = results.filter((r) => r.target !== null && r.medianMs > r.target);
  if (json) {
    process.stdout.write(JSON.stringify({ machine: machineInfo(), results }));
  } else {
    const table = new Table({
      head: ['strategy', 'history', 'bars run', 'tick median ms', 'min–max ms', 'CPU median ms', 'target ms', 'met'],
      style: { head: [], border: [] },
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'center'],
    });
    for (const r of results) {
      const met = r.target === null ? '' : r.medianMs <= r.target ? 'yes' : 'NO';
      table.push([r.strategy, `${r.years} y`, r.bars.toLocaleString('en-US'), r.medianMs.toFixed(1), `${r.minMs.toFixed(1)}–${r.maxMs.toFixed(1)}`, r.cpuMedianMs.toFixed(1), r.target ?? '', met]);
    }
    console.log(`one tick of a daily paper session (kernel and check, no feed or database), ${WARM_UP} warm-up bars, median of ${TIMED_RUNS} runs`);
    console.log(table.toString());
  }
  if (missed.length > 0) process.exitCode = TARGET_MISSED_EXIT_CODE;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
