import { ParsedNewsCache } from './parsed-news.cache';

describe('ParsedNewsCache', () => {
  it('parses a key once and forgets the least recently used beyond its capacity', () => {
    const cache = new ParsedNewsCache<string[]>(2);
    let parses = 0;
    const parse = (text: string) => () => {
      parses++;
      return Object.freeze(text.split(',')) as string[];
    };
    const a = cache.get('a', parse('1,2'));
    expect(cache.get('a', parse('ignored'))).toBe(a);
    cache.get('b', parse('3'));
    cache.get('a', parse('ignored')); // a is now the most recent
    cache.get('c', parse('4')); // b goes
    expect(parses).toBe(3);
    expect(cache.get('a', parse('ignored'))).toBe(a);
    cache.get('b', parse('3'));
    expect(parses).toBe(4);
  });

  it('keeps nothing when parsing fails', () => {
    const cache = new ParsedNewsCache<number>();
    expect(() => cache.get('bad', () => { throw new Error('line 3: bad timestamp'); })).toThrow('line 3');
    expect(cache.get('bad', () => 7)).toBe(7);
  });
});
