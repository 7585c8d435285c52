import { mmrSelect } from './mmr.reranker';

describe('mmrSelect', () => {
  // 0 and 1 are near-duplicates; 2 is about something else.
  const sim = [
    [1, 0.95, 0.1],
    [0.95, 1, 0.1],
    [0.1, 0.1, 1],
  ];
  const similarity = (i: number, j: number) => sim[i][j];

  it('takes the most relevant first, then prefers a different passage to a near-duplicate', () => {
    expect(mmrSelect([1, 0.9, 0.6], similarity, 3, 0.7)).toEqual([0, 2, 1]);
  });

  it('with lambda 1 is a plain ranking by relevance', () => {
    expect(mmrSelect([1, 0.9, 0.6], similarity, 3, 1)).toEqual([0, 1, 2]);
  });

  it('returns at most k and at most all candidates', () => {
    expect(mmrSelect([0.2, 0.5, 0.1], similarity, 2, 0.7)).toEqual([1, 2]);
    expect(mmrSelect([0.2], () => 0, 6, 0.7)).toEqual([0]);
  });
});
