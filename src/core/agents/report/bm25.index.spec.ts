import { Bm25Index } from './bm25.index';

describe('Bm25Index', () => {
  const docs = [['revenue', 'growth'], ['revenue', 'revenue', 'decline', 'costs'], ['cash', 'debt']];

  it('scores a tiny corpus as computed by hand (k1 1.2, b 0.75)', () => {
    const index = new Bm25Index(docs);
    // idf(revenue) = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6; avgdl = 8/3.
    expect(index.idf('revenue')).toBeCloseTo(Math.log(1.6), 12);
    const s = index.scores(['revenue']);
    // d0: ln1.6 · 1·2.2 / (1 + 1.2·(0.25 + 0.75·2/(8/3))) = 0.523548
    expect(s[0]).toBeCloseTo(0.523548, 6);
    // d1: ln1.6 · 2·2.2 / (2 + 1.2·(0.25 + 0.75·4/(8/3))) = 0.566580
    expect(s[1]).toBeCloseTo(0.56658, 6);
    expect(s[2]).toBe(0);
  });

  it('adds the scores of several query terms and ignores terms no document has', () => {
    const index = new Bm25Index(docs);
    const both = index.scores(['cash', 'debt', 'unknown']);
    const idf = Math.log(1 + 2.5 / 1.5);
    const one = (idf * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 2) / (8 / 3)));
    expect(both[2]).toBeCloseTo(2 * one, 12);
    expect(both[0]).toBe(0);
  });

  it('without length normalisation (b = 0) scores by term frequency alone', () => {
    const s = new Bm25Index(docs, 1.2, 0).scores(['revenue']);
    expect(s[1] / s[0]).toBeCloseTo((2 * 2.2) / 3.2 / (2.2 / 2.2), 12);
  });
});
