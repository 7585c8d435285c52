import { runBacktest } from '../../engine/engine';
import { DEFAULT_ENGINE_CONFIG } from '../../engine/engine-config';
import { MarketInputs, NO_MARKET_INPUTS } from '../../market/market-inputs';
import { NewsItem } from '../../market/news';
import { randomWalkSeries } from '../../testing/random-walk';
import { createStrategy } from '../registry';

const bars = randomWalkSeries(400, 17);
const items: NewsItem[] = [];
for (let t = 30; t < 400; t += 2) {
  const headline = t % 4 ? 'RW shares surge on record profit' : 'Random Walk Inc misses estimates, shares fall';
  items.push(Object.freeze({ id: `n${t}`, time: bars.time[t] + 15 * 3600e3, symbol: 'RW', headline }));
}
const frozen = Object.freeze(items.slice()) as NewsItem[];

function newsOutputs(inputs: MarketInputs, params: Record<string, unknown> = {}): unknown[] {
  const result = runBacktest(bars, createStrategy('tradinggroup', params), DEFAULT_ENGINE_CONFIG, { startBar: 0, endBar: bars.length }, {}, inputs);
  return result.trace.filter((e) => e.agent === 'news').map((e) => e.output);
}

describe('TradingGroup news by session', () => {
  it("shares each session's news output among runs on the same news, ticker and parameters", () => {
    const first = newsOutputs({ ...NO_MARKET_INPUTS, news: frozen });
    const again = newsOutputs({ ...NO_MARKET_INPUTS, news: frozen });
    expect(again).toHaveLength(first.length);
    again.forEach((output, i) => expect(output).toBe(first[i]));
    // The same outputs as a run on news that is not shared (a list that may still change).
    expect(JSON.stringify(newsOutputs({ ...NO_MARKET_INPUTS, news: items.slice() }))).toBe(JSON.stringify(first));
  });

  it('works the outputs out afresh for another ticker name or other news parameters', () => {
    const first = newsOutputs({ ...NO_MARKET_INPUTS, news: frozen });
    const aliased = newsOutputs({ ...NO_MARKET_INPUTS, news: frozen, aliases: ['random walk'] });
    const fewer = newsOutputs({ ...NO_MARKET_INPUTS, news: frozen }, { news: { topK: 1 } });
    // An alias makes "Random Walk Inc" headlines relevant: their items' relevance changes.
    const relevance = (outputs: unknown[]) => outputs.map((o) => (o as { data: { kept: Array<{ prob: number }> } }).data.kept.map((k) => k.prob));
    expect(aliased.some((o, i) => o !== first[i])).toBe(true);
    expect(relevance(aliased)).not.toEqual(relevance(first));
    expect(fewer.every((o, i) => o !== first[i] || (o as { flags: string[] }).flags.includes('no_data'))).toBe(true);
  });
});
