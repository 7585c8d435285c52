import { fnv1a32 } from './fnv1a.hash';
import { HashedVectorEmbedder } from './hashed-vector.embedder';

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of non-ASCII text, surrogate pairs included', () => {
    expect(fnv1a32('é')).toBe(0x1e9de8c1);
    expect(fnv1a32('€uro')).toBe(0xc2404955);
    expect(fnv1a32('𝄞')).toBe(0x3b79d038);
  });
});

describe('HashedVectorEmbedder', () => {
  it('puts a term in the bucket its hash names and gives a unit vector', () => {
    const v = new HashedVectorEmbedder(512).embed(['a'], () => 2);
    expect(v[0xe40c292c % 512]).toBe(1);
    expect(v.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 12);
  });

  it('gives the same vector for the same terms on every call and instance', () => {
    const terms = ['net', 'sales', 'net_sales', 'sales'];
    const idf = (t: string) => t.length / 3;
    expect(Array.from(new HashedVectorEmbedder(512).embed(terms, idf))).toEqual(Array.from(new HashedVectorEmbedder(512).embed([...terms].reverse(), idf)));
  });

  it('weights a term by (1 + ln tf) · idf before normalising', () => {
    const v = new HashedVectorEmbedder(512).embed(['a', 'a', 'foobar'], (t) => (t === 'a' ? 1 : 2));
    const wa = 1 + Math.log(2);
    const wf = 2;
    const norm = Math.hypot(wa, wf);
    expect(v[300]).toBeCloseTo(wa / norm, 12);
    expect(v[360]).toBeCloseTo(wf / norm, 12);
  });
});
