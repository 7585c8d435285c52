import fc from 'fast-check';
import { tokenize } from './text.tokenizer';
import { dedupByShingles, dedupIndexed, dedupPairwise, jaccard, shingles } from './shingle.dedup';

const sh = (text: string, size = 2) => shingles(tokenize(text), size);

describe('shingles and Jaccard de-duplication', () => {
  it('hashes word pairs into a sorted unique set, ignoring punctuation and case', () => {
    const s = sh('Apple beats estimates. Apple beats estimates!');
    expect(s.length).toBe(3); // "apple beats", "beats estimates", "estimates apple"
    expect([...s]).toEqual([...s].sort((a, b) => a - b));
    expect(sh('APPLE, beats estimates')).toEqual(sh('apple beats estimates'));
  });

  it('sorts and de-duplicates the shingles of a long article too', () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${(i * 7919) % 97}`);
    const s = shingles(words, 2);
    const distinct = new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`)).size;
    expect(s.length).toBe(distinct);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
  });

  it('makes one shingle of a text shorter than the shingle size and none of an empty one', () => {
    expect(sh('Apple', 3).length).toBe(1);
    expect(sh('', 3).length).toBe(0);
  });

  it('keeps every set intact while many more are made (sets share storage blocks)', () => {
    const texts = Array.from({ length: 12_000 }, (_, i) => `apple item ${i} word${i % 13} word${i % 7} beats w${i % 101}`);
    const kept = texts.map((t) => sh(t));
    const copies = kept.map((s) => Array.from(s));
    texts.forEach((t, i) => expect(Array.from(sh(t))).toEqual(copies[i]));
    kept.forEach((s, i) => expect(Array.from(s)).toEqual(copies[i]));
  });

  it('measures Jaccard similarity of two sets', () => {
    expect(jaccard(sh('apple beats earnings estimates'), sh('apple beats earnings estimates'))).toBe(1);
    // {apple beats, beats earnings, earnings estimates} vs the same + {estimates shares, shares jump}
    expect(jaccard(sh('apple beats earnings estimates'), sh('apple beats earnings estimates shares jump'))).toBeCloseTo(3 / 5, 12);
    expect(jaccard(sh('apple beats estimates'), sh('tesla recalls cars'))).toBe(0);
  });

  it('keeps the first item of each near-duplicate group and counts the others', () => {
    const sets = [
      sh('Apple beats earnings estimates as iPhone sales jump'),
      sh('Tesla recalls 10,000 cars over brake fault'),
      sh('Apple beats earnings estimates as iPhone sales jump, report says'),
      sh('Apple beats earnings estimates as iPhone sales jump'),
    ];
    expect(dedupByShingles(sets, 0.6)).toEqual({ kept: [0, 1], duplicates: 2 });
    expect(dedupByShingles(sets, 1)).toEqual({ kept: [0, 1, 2], duplicates: 1 });
  });
});

describe('dedupIndexed', () => {
  it('finds the same representatives and duplicate count as the pairwise comparison', () => {
    const vocabulary = ['apple', 'beats', 'estimates', 'sales', 'jump', 'tesla', 'recall', 'cars', 'rt', 'user'];
    const text = fc.array(fc.constantFrom(...vocabulary), { maxLength: 9 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (texts, size, threshold) => {
        const sets = texts.map((t) => sh(t, size));
        expect(dedupIndexed(sets, threshold)).toEqual(dedupPairwise(sets, threshold));
      }),
    );
  });
});
