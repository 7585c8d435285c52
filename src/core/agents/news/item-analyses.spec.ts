import { NewsItem } from '../../market/news';
import { ItemAnalyses } from './item-analyses';

const item = (id: string, time: number, headline = `headline ${id}`): NewsItem => ({ id, time, symbol: 'AAPL', headline }) as NewsItem;

describe('ItemAnalyses', () => {
  it('finds an item by id only with the same text and time', () => {
    const a = new ItemAnalyses();
    const slot = a.keep(item('x', 1000), new Int32Array([1, 2]), 'AAPL', 0.8, 0.5, 0.4, -0.3);
    expect(a.find(item('x', 1000))).toBe(slot);
    expect(a.find(item('x', 1001))).toBe(-1);
    expect(a.find(item('x', 1000, 'other text'))).toBe(-1);
    expect(a.find(item('y', 1000))).toBe(-1);
  });

  it('keeps thousands of analyses apart and makes each scored item once', () => {
    const a = new ItemAnalyses();
    const slots = Array.from({ length: 5000 }, (_, i) => a.keep(item(`i${i}`, i * 1000), new Int32Array([i]), 'AAPL', i / 5000, i / 10000, 1 - i / 5000, Math.sin(i)));
    expect(a.size).toBe(5000);
    for (const i of [0, 1023, 1024, 4999]) {
      const s = a.scored(slots[i]);
      expect(s).toEqual({ id: `i${i}`, publishedAt: i * 1000, headline: `headline i${i}`, influence: i / 5000, base: i / 10000, prob: 1 - i / 5000, sentiment: Math.sin(i) });
      expect(Object.isFrozen(s)).toBe(true);
      expect(a.scored(slots[i])).toBe(s);
      expect(Array.from(a.shingles(slots[i]))).toEqual([i]);
    }
  });

  it('scores an item again for another ticker in its slot, leaving what earlier outputs kept as it was', () => {
    const a = new ItemAnalyses();
    const slot = a.keep(item('x', 1000), new Int32Array([7]), 'AAPL', 0.8, 0.5, 0.9, 0.1);
    const before = a.scored(slot);
    expect(a.scoredFor(slot, 'AAPL')).toBe(true);
    expect(a.scoredFor(slot, 'MSFT')).toBe(false);
    expect(a.keep(item('x', 1000), a.shingles(slot), 'MSFT', 0.6, 0.5, 0.1, 0.1)).toBe(slot);
    expect(a.scoredFor(slot, 'MSFT')).toBe(true);
    expect(a.scored(slot).prob).toBe(0.1);
    expect(before.prob).toBe(0.9);
    expect(a.size).toBe(1);
  });
});
