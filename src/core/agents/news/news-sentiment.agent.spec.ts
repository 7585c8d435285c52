import fc from 'fast-check';
import { NewsItem } from '../../market/news';
import { NewsAgentParams } from './news-agent.params';
import { INFLUENCE, NewsSentimentAgent } from './news-sentiment.agent';
import { NewsInput } from './news-sentiment.types';

const T = Date.UTC(2023, 0, 10, 21, 0); // decision instant: a session close
const MIN = 60_000;

function item(id: string, minutesBefore: number, headline: string, extra: Partial<NewsItem> = {}): NewsItem {
  return { id, time: T - minutesBefore * MIN, symbol: 'AAPL', headline, ...extra };
}

function input(items: NewsItem[], time = T): NewsInput {
  return { symbol: 'AAPL', aliases: ['Apple Inc.'], time, items };
}

const DAY = [
  item('n1', 300, 'Apple beats earnings estimates as iPhone sales jump'),
  item('n2', 240, 'Apple faces EU antitrust probe over App Store fees'),
  item('n3', 200, 'Apple beats earnings estimates as iPhone sales jump, report says'),
  item('n4', 120, 'Markets drift ahead of the Fed decision', { symbol: 'SPY' }),
  item('n5', 60, '$AAPL guidance raised after record services revenue'),
];

describe('NewsSentimentAgent', () => {
  it('returns a neutral output flagged no_data for a session without news', () => {
    const out = new NewsSentimentAgent().run(input([]));
    expect(out.agent).toBe('news');
    expect(out.flags).toEqual(['no_data']);
    expect(out.data).toEqual({ score: 0, seen: 0, duplicates: 0, kept: [], summary: 'no news for this session' });
    expect(out.provenance).toEqual([]);
  });

  it('never uses an item stamped after the decision time', () => {
    const agent = new NewsSentimentAgent();
    const before = agent.run(input(DAY));
    const late = item('late', 0, 'Apple files for bankruptcy as fraud probe widens, $AAPL plunges');
    late.time = T + 1000;
    const withLate = new NewsSentimentAgent().run(input([...DAY, late]));
    expect(withLate).toEqual(before);
    expect(new NewsSentimentAgent().run(input([late])).flags).toEqual(['no_data']);
  });

  it('uses an item stamped exactly at the decision time', () => {
    const atClose = item('close', 0, 'Apple files for bankruptcy');
    const out = new NewsSentimentAgent().run(input([atClose]));
    expect(out.data.kept.map((k) => k.id)).toEqual(['close']);
    expect(out.data.score).toBeLessThan(0);
  });

  it('drops near-duplicates, keeping the earliest of each group, and counts them', () => {
    const out = new NewsSentimentAgent().run(input(DAY));
    expect(out.data.seen).toBe(5);
    expect(out.data.duplicates).toBe(1);
    expect(out.data.kept.map((k) => k.id).sort()).toEqual(['n1', 'n2', 'n4', 'n5']);
    // The same story published earlier under a later id wins its group.
    const earlier = item('z9', 400, 'Apple beats earnings estimates as iPhone sales jump, report says');
    const out2 = new NewsSentimentAgent().run(input([...DAY, earlier]));
    expect(out2.data.duplicates).toBe(2);
    expect(out2.data.kept.map((k) => k.id)).toContain('z9');
    expect(out2.data.kept.map((k) => k.id)).not.toContain('n1');
  });

  it('keeps the top-k items by influence, ties broken by time then id', () => {
    const out = new NewsSentimentAgent({ topK: 2 }).run(input(DAY));
    const all = new NewsSentimentAgent({ topK: 10 }).run(input(DAY)).data.kept;
    const expected = [...all].sort((a, b) => b.influence - a.influence).slice(0, 2).map((k) => k.id);
    expect(out.data.kept.map((k) => k.id)).toEqual(expected);
    expect(out.data.kept[0].influence).toBeGreaterThanOrEqual(out.data.kept[1].influence);

    const twins = [item('b', 10, 'Apple shares rise'), item('a', 10, 'Apple stock gains'), item('c', 20, 'Apple shares climb')];
    expect(new NewsSentimentAgent({ topK: 3 }).run(input(twins)).data.kept.map((k) => k.id)).toEqual(['c', 'a', 'b']);
  });

  it('scores influence as 0.55·base + 0.25·prob + 0.20 with relevance to the ticker', () => {
    const kept = new NewsSentimentAgent().run(input(DAY)).data.kept;
    for (const k of kept) expect(k.influence).toBeCloseTo(INFLUENCE.base * k.base + INFLUENCE.prob * k.prob + INFLUENCE.constant, 12);
    const byId = Object.fromEntries(kept.map((k) => [k.id, k]));
    expect(byId.n1.prob).toBe(1); // alias "Apple" in the headline
    expect(byId.n5.prob).toBe(1); // cashtag
    expect(byId.n4.prob).toBe(0); // filed under another symbol, not naming Apple
    expect(byId.n4.influence).toBeLessThan(byId.n1.influence);
  });

  it('weights relevant items more in the market sentiment', () => {
    const good = item('g', 30, 'Apple earnings beat, $AAPL profit rose strongly');
    const bad = item('b', 20, 'Some retailer reports weak sales and a big loss', { symbol: 'XRT' });
    const out = new NewsSentimentAgent().run(input([good, bad]));
    const [g, b] = [out.data.kept.find((k) => k.id === 'g')!, out.data.kept.find((k) => k.id === 'b')!];
    expect(g.sentiment).toBeGreaterThan(0);
    expect(b.sentiment).toBeLessThan(0);
    expect(out.data.score).toBeCloseTo((g.influence * g.sentiment + b.influence * b.sentiment) / (g.influence + b.influence), 12);
    expect(out.data.score).toBeGreaterThan((g.sentiment + b.sentiment) / 2);
  });

  it('records one news provenance entry per kept item and summarises them', () => {
    const out = new NewsSentimentAgent({ topK: 3 }).run(input(DAY));
    expect(out.provenance).toEqual(out.data.kept.map((k) => ({ kind: 'news', ref: k.id, publishedAt: k.publishedAt })));
    expect(out.flags).toEqual([]);
    expect(out.data.summary).toMatch(/^3 of 5 items \(1 duplicates\): [+-]\d\.\d\d; top: '.+'$/);
    expect(out.rationale).toBe(out.data.summary);
  });

  it('analyses each item once, however often and by however many agents with the same parameters it is seen', () => {
    const params = { lengthSaturation: 31 };
    const agent = new NewsSentimentAgent(params);
    const before = agent.analysedItems;
    const first = agent.run(input(DAY));
    const again = agent.run(input([...DAY].reverse()));
    expect(agent.analysedItems).toBe(before + 5);
    expect(again.data).toEqual(first.data);
    expect(again.data.kept[0]).toBe(first.data.kept[0]);
    const other = new NewsSentimentAgent(params);
    expect(other.run(input(DAY)).data).toEqual(first.data);
    expect(other.analysedItems).toBe(before + 5);
  });

  it('analyses an id again when it comes back with other text', () => {
    const params = { lengthSaturation: 33 };
    const first = new NewsSentimentAgent(params).run(input(DAY));
    const changed = DAY.map((it) => (it.id === first.data.kept[0].id ? { ...it, headline: 'Apple shares plunge after a profit warning and a downgrade' } : it));
    const second = new NewsSentimentAgent(params).run(input(changed));
    expect(second.data.score).not.toBe(first.data.score);
  });

  it('scores relevance again for another ticker, keeping each item\'s sentiment', () => {
    const agent = new NewsSentimentAgent({ lengthSaturation: 32 });
    const before = agent.analysedItems;
    const apple = agent.run(input(DAY)).data.kept.find((k) => k.id === 'n1')!;
    const microsoft = agent.run({ symbol: 'MSFT', aliases: ['Microsoft Corporation'], time: T, items: DAY }).data.kept.find((k) => k.id === 'n1')!;
    expect(apple.prob).toBe(1);
    expect(microsoft.prob).toBe(0);
    expect(microsoft.sentiment).toBe(apple.sentiment);
    expect(agent.analysedItems).toBe(before + 5);
  });

  it('leaves the input items untouched', () => {
    const items = [...DAY].reverse();
    const before = JSON.stringify(items);
    new NewsSentimentAgent().run(input(items));
    expect(JSON.stringify(items)).toBe(before);
  });

  it('gives the same output for the same input and a score in [-1, 1] for any items', () => {
    const words = ['apple', '$aapl', 'profit', 'rose', 'fell', 'loss', 'not', 'lawsuit', 'beat', 'record', 'costs', 'shares', 'the', 'deal'];
    const arbItem = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      minutes: fc.integer({ min: -5, max: 600 }),
      words: fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 12 }), fc.integer({ min: 1, max: 6 }), (raw, topK) => {
        const items = raw.map((r, i) => item(`${r.id}-${i}`, r.minutes, r.words.join(' ')));
        const a = new NewsSentimentAgent({ topK }).run(input(items));
        const b = new NewsSentimentAgent({ topK }).run(input([...items].reverse()));
        expect(b).toEqual(a);
        expect(a.data.score).toBeGreaterThanOrEqual(-1);
        expect(a.data.score).toBeLessThanOrEqual(1);
        expect(a.data.kept.length).toBeLessThanOrEqual(topK);
        expect(a.data.seen).toBe(items.filter((it) => it.time <= T).length);
      }),
    );
  });
});

describe('NewsAgentParams', () => {
  it('fills every parameter with its default', () => {
    expect(NewsAgentParams.parse({})).toEqual({
      topK: 5,
      dedupThreshold: 0.6,
      shingleSize: 2,
      keywords: {},
      keywordSaturation: 3,
      lengthSaturation: 30,
      keywordShare: 0.7,
    });
  });

  it('refuses out-of-range values, multi-word keywords and unknown fields', () => {
    expect(() => new NewsSentimentAgent({ topK: 0 })).toThrow();
    expect(NewsAgentParams.safeParse({ dedupThreshold: 1.5 }).success).toBe(false);
    expect(NewsAgentParams.safeParse({ keywords: { 'price target': 1 } }).success).toBe(false);
    expect(NewsAgentParams.safeParse({ topk: 3 }).success).toBe(false);
  });
});
