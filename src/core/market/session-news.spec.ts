import { NewsItem } from './news';
import { sessionNews } from './session-news';

const HOUR = 3_600_000;
const item = (id: string, time: number): NewsItem => Object.freeze({ id, time, symbol: 'AAPL', headline: `headline ${id}` });
const closes = Float64Array.from([10, 34, 58].map((h) => h * HOUR));
const items = [item('a', 9 * HOUR), item('b', 11 * HOUR), item('c', 30 * HOUR), item('d', 40 * HOUR)];

describe('sessionNews', () => {
  it('gives each session the items published after the previous close and at or before its own', () => {
    const news = sessionNews(items, closes);
    expect(news.at(0).map((i) => i.id)).toEqual(['a']);
    expect(news.at(1).map((i) => i.id)).toEqual(['b', 'c']);
    expect(news.at(2).map((i) => i.id)).toEqual(['d']);
    expect(Object.isFrozen(news.at(1))).toBe(true);
  });

  it('shares one arrangement among runs on the same frozen list and sessions', () => {
    const frozen = Object.freeze(items.slice());
    const first = sessionNews(frozen, closes);
    const again = sessionNews(frozen, Float64Array.from(closes));
    expect(again).toBe(first);
    expect(again.at(1)).toBe(first.at(1));
    // Other sessions, or a list that may still change, get their own arrangement.
    expect(sessionNews(frozen, Float64Array.from([10, 35, 58].map((h) => h * HOUR)))).not.toBe(first);
    const open = items.slice();
    expect(sessionNews(open, closes)).not.toBe(sessionNews(open, closes));
  });
});

describe('SessionNews.perSession', () => {
  it('keeps a slot per session under each key, shared by the runs on one arrangement', () => {
    const frozen = Object.freeze(items.slice());
    const slots = sessionNews(frozen, closes).perSession<string>('agent A');
    expect(slots).toHaveLength(3);
    slots[1] = 'worked out';
    expect(sessionNews(frozen, Float64Array.from(closes)).perSession<string>('agent A')[1]).toBe('worked out');
    expect(sessionNews(frozen, closes).perSession<string>('agent B')[1]).toBeUndefined();
    expect(sessionNews(items.slice(), closes).perSession<string>('agent A')[1]).toBeUndefined();
  });
});
