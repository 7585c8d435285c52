import { DEFAULT_ENGINE_CONFIG } from '../engine/engine-config';
import { runBacktest } from '../engine/engine';
import { DAY_MS, isoDay } from '../market/dates';
import { EarningsRecord } from '../market/fundamentals';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { NewsItem } from '../market/news';
import { MemoryCase } from '../reflection/memory-case';
import { createStrategy } from '../strategies/registry';
import { randomWalkSeries } from '../testing/random-walk';
import { SynthesisRun, SynthesisRunInfo } from './synthesis.types';
import { TraceRow } from './trace-bars.reader';

/** Fixture for the synthesis specs (not used by production code). */

const HASH = (c: string) => c.repeat(64);

/** Run info with fixed hashes. */
export function fixtureInfo(runId = 'run-1', symbol = 'RW'): SynthesisRunInfo {
  return {
    runId,
    symbol,
    strategy: 'tradinggroup',
    mode: 'analytic',
    engineVersion: '1.0.0',
    paramsHash: HASH('a'),
    resultHash: HASH('b'),
    dataHashes: { prices: HASH('c'), news: HASH('d'), fundamentals: HASH('e'), filing: null, memory: null },
  };
}

/** Two news items on every third weekday (mid-session, UTC) and quarterly earnings releases. */
export function fixtureInputs(firstDay: number, days: number, symbol = 'RW'): MarketInputs {
  const news: NewsItem[] = [];
  const earnings: EarningsRecord[] = [];
  for (let d = 0; d < days; d += 3) {
    const day = firstDay + d * DAY_MS;
    news.push({ id: `n${d}a`, time: day + 15 * 3_600_000, symbol, headline: `${symbol} shares surge after record profit and strong growth` });
    news.push({ id: `n${d}b`, time: day + 17 * 3_600_000, symbol, headline: `${symbol} faces lawsuit and weak demand, analysts warn of losses` });
  }
  for (let q = 0; q * 91 < days; q++) {
    const announceDay = firstDay + (20 + q * 91) * DAY_MS;
    const month = String(((q * 3) % 12) + 1).padStart(2, '0');
    earnings.push({
      symbol,
      announceDay,
      releaseTime: 'post-market',
      quarter: `2010-${month}`,
      epsEstimate: 1 + q * 0.1,
      epsActual: 1.05 + q * 0.12,
      publishedAt: announceDay + 21 * 3_600_000,
    });
  }
  return { ...NO_MARKET_INPUTS, news, earnings };
}

/**
 * A real TradingGroup run on a seeded random walk with news and earnings, as the synthesis reads
 * it back from storage (trace and cases through JSON). `bars` truncates the series.
 */
export function fixtureRun(bars = 260, seed = 7, info = fixtureInfo()): SynthesisRun {
  const series = randomWalkSeries(bars, seed, info.symbol);
  const inputs = fixtureInputs(series.time[0], Math.round((series.time[bars - 1] - series.time[0]) / DAY_MS) + 1, info.symbol);
  const result = runBacktest(series, createStrategy('tradinggroup'), DEFAULT_ENGINE_CONFIG, { startBar: 60, endBar: bars }, {}, inputs);
  const trace: TraceRow[] = result.trace.map((e) => ({ barIndex: e.bar, date: isoDay(e.time), agent: e.agent, output: JSON.parse(JSON.stringify(e.output)) }));
  const cases = JSON.parse(JSON.stringify(result.memory)) as MemoryCase[];
  return { info, trace, cases };
}
