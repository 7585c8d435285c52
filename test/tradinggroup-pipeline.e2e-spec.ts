import { readFileSync } from 'node:fs';
import { AgentOutput } from '../src/core/agents/agent';
import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { isoDay } from '../src/core/market/dates';
import { MarketInputs, NO_MARKET_INPUTS } from '../src/core/market/market-inputs';
import { NewsItem } from '../src/core/market/news';
import { NYSE_CALENDAR, sessionCloses } from '../src/core/market/session-clock';
import { parseEarningsCsv } from '../src/modules/data/fundamentals-csv.parser';
import { parseNewsText } from '../src/modules/data/news-file.parser';
import { loadPriceFile } from '../src/modules/data/price-file.source';
import { describeWithSharedData, sharedDataPath } from './support/shared-data';

/**
 * The TradingGroup pipeline end to end on real data: AAPL 2014–2015 with the StockNet tweets and
 * the EPS surprises. The decision trace must be complete and consistent, and no agent may use an
 * input published after its decision.
 */
describeWithSharedData('TradingGroup pipeline on AAPL 2014–2015 with StockNet tweets and EPS surprises', () => {
  const prices = loadPriceFile(sharedDataPath('news', 'stocknet_2014-2015', 'price_raw', 'AAPL.csv'), { symbol: 'AAPL' });
  const tweets = parseNewsText(readFileSync(sharedDataPath('news', 'stocknet_2014-2015', 'tweets_preprocessed', 'AAPL.jsonl'), 'utf8'), {
    file: 'AAPL.jsonl',
    symbol: 'AAPL',
  }).symbols.get('AAPL')!;
  const earnings = parseEarningsCsv(readFileSync(sharedDataPath('fundamentals', 'earnings_eps_surprise_2012-2019.csv'), 'utf8'), {
    file: 'eps.csv',
    symbol: 'AAPL',
  }).symbols.get('AAPL')!;
  const inputs: MarketInputs = { ...NO_MARKET_INPUTS, news: tweets, earnings, aliases: ['apple'] };
  const params = JSON.parse(readFileSync(`${__dirname}/../strategies/tradinggroup.json`, 'utf8')).params;
  const spec = RunSpec.parse({ strategy: { name: 'tradinggroup', kind: 'tradinggroup', params }, symbol: 'AAPL', from: '2014-01-02', to: '2015-12-31' });
  const run = (news: readonly NewsItem[] = tweets) => executeBacktest(resolveRun(spec), prices.series, {}, { ...inputs, news });
  const { result } = run();
  const closes = sessionCloses(prices.series.time, NYSE_CALENDAR);
  const byBar = new Map<number, Map<string, AgentOutput<any>>>();
  for (const e of result.trace) {
    if (!byBar.has(e.bar)) byBar.set(e.bar, new Map());
    byBar.get(e.bar)!.set(e.agent, e.output as AgentOutput<any>);
  }

  it('records every agent at every bar of the window, in pipeline order', () => {
    expect(byBar.size).toBe(result.equity.length);
    const orders = new Set<string>();
    for (let t = result.startBar; t < result.endBar; t++) {
      const agents = [...byBar.get(t)!.keys()];
      orders.add(agents.join(','));
    }
    expect([...orders]).toEqual(['reflection,news,report,forecast,style,decision,risk']);
  });

  it('never lets an agent use an input published after its decision', () => {
    for (const e of result.trace) {
      const decision = closes[e.bar];
      for (const p of (e.output as AgentOutput<unknown>).provenance) expect(p.publishedAt).toBeLessThanOrEqual(decision);
    }
  });

  it("keeps only the session's tweets: published after the previous close and by this close", () => {
    let daysWithNews = 0;
    for (let t = result.startBar; t < result.endBar; t++) {
      const news = byBar.get(t)!.get('news')!;
      const expected = tweets.filter((i) => i.time > closes[t - 1] && i.time <= closes[t]).length;
      expect(news.data.seen).toBe(expected);
      expect(news.flags.includes('no_data')).toBe(expected === 0);
      for (const k of news.data.kept) expect(k.publishedAt > closes[t - 1] && k.publishedAt <= closes[t]).toBe(true);
      if (expected > 0) daysWithNews++;
    }
    expect(daysWithNews).toBeGreaterThan(400);
  });

  it('reads each EPS number from the first session after its post-market release', () => {
    // 2015-01-27, after the close: the December 2014 quarter (3.06 vs 2.60 expected).
    const day = (d: string) => result.startBar + Array.from(result.time).findIndex((x) => isoDay(x) === d);
    const report = (d: string) => byBar.get(day(d))!.get('report')!.data;
    expect(report('2015-01-27').indicators.latestQuarter).toBe('2014-09');
    expect(report('2015-01-28').indicators.latestQuarter).toBe('2014-12');
    expect(report('2015-01-28').indicators.epsSurprise).toBeCloseTo((3.06 - 2.6) / 2.6, 9);
  });

  it('acts as the decision and the risk manager said, and labels every decision at its outcome bar', () => {
    const ordersAt = new Map<number, string[]>();
    for (const o of result.orders) ordersAt.set(o.signalBar, [...(ordersAt.get(o.signalBar) ?? []), `${o.side}:${o.reason}`]);
    for (let t = result.startBar; t < result.endBar - 1; t++) {
      const agents = byBar.get(t)!;
      const decision = agents.get('decision')!.data;
      const risk = agents.get('risk')!.data;
      expect(decision.contributions.find((c: { source: string }) => c.source === 'forecast').used).toBe(true);
      expect(agents.get('style')!.data.style).toBeDefined();
      const placed = (ordersAt.get(t) ?? []).filter((o) => !o.endsWith('end-of-test'));
      if (risk.forced && result.position[t - result.startBar] > 0) expect(placed).toEqual([`sell:${risk.forced}`]);
      else if (decision.action === 'SELL' && result.position[t - result.startBar] > 0) expect(placed).toEqual(['sell:signal']);
      else if (decision.action === 'HOLD') expect(placed).toEqual([]);
    }
    for (const c of result.memory) expect(c.knownAt).toBeGreaterThan(c.decidedAt);
    expect(result.memory.length).toBeGreaterThan(480);
  });

  it('ignores a tweet stamped one second after a decision when making that decision', () => {
    const k = result.startBar + 200;
    const late: NewsItem = { id: 'late-1', time: closes[k] + 1000, symbol: 'AAPL', headline: '$aapl record profit surges, strong buy upgrade, beats estimates' };
    const altered = run([...tweets, late]).result;
    const upTo = (trace: typeof result.trace) => JSON.stringify(trace.filter((e) => e.bar <= k));
    expect(upTo(altered.trace)).toBe(upTo(result.trace));
    expect(altered.orders.filter((o) => o.signalBar <= k)).toEqual(result.orders.filter((o) => o.signalBar <= k));
    const next = altered.trace.find((e) => e.bar === k + 1 && e.agent === 'news')!.output as AgentOutput<any>;
    expect(next.data.kept.map((i: { id: string }) => i.id)).toContain('late-1');
  });
});
