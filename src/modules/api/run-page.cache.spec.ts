import { RunPageCache } from './run-page.cache';
import { PreparedBody } from './run-read.cache';

const page = (n: number) => PreparedBody.of({ items: [n] });

describe('RunPageCache', () => {
  it('serves a page kept at the same data version', () => {
    const cache = new RunPageCache();
    const kept = page(1);
    cache.set(7, 'q', kept);
    expect(cache.get(7, 'q')).toBe(kept);
    expect(cache.get(7, 'other query')).toBeUndefined();
  });

  it('serves nothing once the data version has moved, and drops the old pages', () => {
    const cache = new RunPageCache();
    cache.set(7, 'a', page(1));
    cache.set(7, 'b', page(2));
    expect(cache.get(8, 'a')).toBeUndefined();
    cache.set(8, 'a', page(3));
    expect(cache.size).toBe(1);
    expect(cache.get(8, 'b')).toBeUndefined();
  });

  it('keeps nothing without a data version', () => {
    const cache = new RunPageCache();
    cache.set(null, 'q', page(1));
    expect(cache.get(null, 'q')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most its limit of pages, the most recently made ones', () => {
    const cache = new RunPageCache(2);
    cache.set(1, 'a', page(1));
    cache.set(1, 'b', page(2));
    cache.set(1, 'c', page(3));
    expect(cache.get(1, 'a')).toBeUndefined();
    expect(cache.get(1, 'b')).toBeDefined();
    expect(cache.get(1, 'c')).toBeDefined();
  });
});
