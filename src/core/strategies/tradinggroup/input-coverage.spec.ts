import { runBacktest } from '../../engine/engine';
import { DEFAULT_ENGINE_CONFIG } from '../../engine/engine-config';
import { DAY_MS } from '../../market/dates';
import { EarningsRecord } from '../../market/fundamentals';
import { NO_MARKET_INPUTS } from '../../market/market-inputs';
import { NewsItem } from '../../market/news';
import { randomWalkSeries } from '../../testing/random-walk';
import { createStrategy } from '../registry';

const bars = randomWalkSeries(300, 9);
const window = { startBar: 100, endBar: 300 };
const item = (t: number): NewsItem => ({ id: `n${t}`, time: bars.time[t] + 15 * 3_600_000, symbol: 'RW', headline: 'RW shares surge after record profit' });
const release = (t: number): EarningsRecord => ({
  symbol: 'RW', announceDay: bars.time[t], releaseTime: 'pre-market', quarter: '2010-03', epsEstimate: 1, epsActual: 1.1, publishedAt: bars.time[t] + 12 * 3_600_000,
});

function notes(inputs: Partial<typeof NO_MARKET_INPUTS>): string[] {
  return runBacktest(bars, createStrategy('tradinggroup'), DEFAULT_ENGINE_CONFIG, window, {}, { ...NO_MARKET_INPUTS, ...inputs }).notes;
}

describe('coverage of the window by the news and fundamentals', () => {
  it('says how much of the window a news file covers when it covers only part of it', () => {
    // News on the window's first 50 sessions only.
    const found = notes({ news: Array.from({ length: 50 }, (_, k) => item(100 + k)) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^news covers 25\.0% of the window's 200 sessions \(\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}\): 50 have items; its 50 items run /);
  });

  it('says so when a news file covers none of the window', () => {
    const found = notes({ news: Array.from({ length: 30 }, (_, k) => item(10 + k)) });
    expect(found[0]).toMatch(/^news covers none of the window's 200 sessions .*: its 30 items run .*; the news agent reports no_data on every bar$/);
  });

  it('says how much of the window has a current EPS number', () => {
    // One release on the window's 100th session: current for 120 calendar days, 86 weekday sessions.
    const found = notes({ news: Array.from({ length: 200 }, (_, k) => item(100 + k)), earnings: [release(199)] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^fundamentals cover 43\.0% of the window's 200 sessions .*: 86 have an EPS number at most 120 days old; its 1 release run /);
  });

  it('says nothing when the inputs cover every session, or when none were given (the loader says that)', () => {
    expect(notes({ news: Array.from({ length: 300 }, (_, k) => item(k)) })).toEqual([]);
    expect(notes({})).toEqual([]);
  });
});
