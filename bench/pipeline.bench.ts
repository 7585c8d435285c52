import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { MarketInputs, NO_MARKET_INPUTS } from '../src/core/market/market-inputs';
import { NewsItem } from '../src/core/market/news';
import { parseEarningsCsv } from '../src/modules/data/fundamentals-csv.parser';
import { byTimeThenId } from '../src/core/market/news';
import { parseNewsText } from '../src/modules/data/news-file.parser';
import { loadPriceFile } from '../src/modules/data/price-file.source';
import { timeMedian, Timing } from './timing';

/** Real data next to the project (the bench needs it; it is not shipped). */
const SHARED = resolve(__dirname, '..', '..', '..', 'shared', 'data');
const FROM = '2005-01-03';
const TO = '2015-12-31';
const YEAR_MS = 365.25 * 86_400_000;

export interface PipelineBenchResult {
  name: string;
  bars: number;
  newsItems: number;
  /** The first run in the process: every news item analysed, nothing compiled yet. */
  coldMs: number;
  timing: Timing;
  barsPerSecond: number;
  target: number;
  /** Trace entries plus memory cases of one run, and the time to build them as objects (not in the median). */
  objects: number;
  objectsMs: number;
}

/**
 * The StockNet AAPL tweets of 2014–2015 replayed into every earlier two-year block (shifted by
 * whole multiples of two years, ids prefixed), so each year of the window has a real stream of
 * tweets to read. Throughput only: the shifted tweets say nothing true about those years.
 */
function replayedTweets(): NewsItem[] {
  const file = resolve(SHARED, 'news', 'stocknet_2014-2015', 'tweets_preprocessed', 'AAPL.jsonl');
  const tweets = parseNewsText(readFileSync(file, 'utf8'), { file, symbol: 'AAPL' }).symbols.get('AAPL')!;
  const out: NewsItem[] = [];
  for (let k = 0; k <= 5; k++) {
    const shift = Math.round(k * 2 * YEAR_MS);
    for (const t of tweets) out.push(Object.freeze({ ...t, id: `${k}:${t.id}`, time: t.time - shift }));
  }
  // Frozen and in the order the news store hands items to a run.
  return Object.freeze(out.sort(byTimeThenId)) as NewsItem[];
}

/**
 * Runs the TradingGroup pipeline on AAPL 2005–2015 (Alpha Vantage, split-adjusted) with news and
 * EPS. The first run of each configuration analyses every news item; later runs in the process
 * reuse the item analyses (news outputs are a pure function of items and parameters), so the
 * median measures the pipeline itself. Both are reported.
 */
export const PIPELINE_CONFIGS: ReadonlyArray<[string, Record<string, boolean>]> = [
  ['pipeline, all modules (news, report, reflection, risk)', {}],
  ['pipeline without reflection', { reflection: false }],
  ['pipeline without news', { news: false }],
];

/** Measures configuration `which` of {@link PIPELINE_CONFIGS}. */
export function runPipelineBench(which: number): PipelineBenchResult | string {
  if (!existsSync(SHARED)) return 'pipeline bench skipped: ../shared/data is not present';
  const prices = loadPriceFile(resolve(SHARED, 'prices', 'alphavantage_unadjusted', 'daily_adjusted_AAPL.csv'), { symbol: 'AAPL', adjust: 'splits' });
  const epsFile = resolve(SHARED, 'fundamentals', 'earnings_eps_surprise_2012-2019.csv');
  const earnings = parseEarningsCsv(readFileSync(epsFile, 'utf8'), { file: epsFile, symbol: 'AAPL' }).symbols.get('AAPL')!;
  const news = replayedTweets();
  const inputs: MarketInputs = { ...NO_MARKET_INPUTS, news, earnings, aliases: ['apple'] };
  const params = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'strategies', 'tradinggroup.json'), 'utf8')).params;
  const [name, modules] = PIPELINE_CONFIGS[which];
  const spec = RunSpec.parse({
    strategy: { name: 'tradinggroup', kind: 'tradinggroup', params: { ...params, modules: { ...params.modules, ...modules } } },
    symbol: 'AAPL',
    from: FROM,
    to: TO,
  });
  const resolved = resolveRun(spec);
  const once = () => executeBacktest(resolved, prices.series, {}, inputs);
  const start = process.hrtime.bigint();
  const bars = once().result.equity.length;
  const coldMs = Number(process.hrtime.bigint() - start) / 1e6;
  const timing = timeMedian(once);
  // The run keeps its trace and cases in columns; storing or showing them builds the objects.
  const { result } = once();
  const built = process.hrtime.bigint();
  const objects = result.trace.length + result.memory.length;
  const objectsMs = Number(process.hrtime.bigint() - built) / 1e6;
  return { name, bars, newsItems: news.length, coldMs, timing, barsPerSecond: bars / (timing.medianMs / 1000), target: 100_000, objects, objectsMs };
}

// Each configuration runs in a process of its own (this script with `--config <i>`), so the JIT
// feedback and heap of one cannot colour the next.
if (require.main === module) {
  const flag = process.argv.indexOf('--config');
  if (flag < 0) {
    for (let i = 0; i < PIPELINE_CONFIGS.length; i++) execFileSync(process.execPath, [__filename, '--config', String(i)], { stdio: 'inherit' });
  } else {
    const r = runPipelineBench(Number(process.argv[flag + 1]));
    if (typeof r === 'string') console.log(r);
    else {
      console.log(
        `${r.name}: ${r.bars} bars, ${r.newsItems} news items; first run ${r.coldMs.toFixed(0)} ms; ` +
          `then median ${r.timing.medianMs.toFixed(1)} ms → ${Math.round(r.barsPerSecond).toLocaleString('en-US')} bars/s (target ${r.target.toLocaleString('en-US')}); ` +
          `building its ${r.objects.toLocaleString('en-US')} trace entries and cases as objects: ${r.objectsMs.toFixed(1)} ms`,
      );
    }
  }
}
