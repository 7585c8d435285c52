import { SimilarityTopK } from './similarity-top-k';

describe('SimilarityTopK', () => {
  it('keeps the k best by similarity, the lower row first on equal similarity', () => {
    const top = new SimilarityTopK(3);
    for (const [sim, row] of [[0.5, 7], [0.9, 3], [0.7, 1], [0.9, 2], [0.1, 0]]) top.offer(sim, row);
    expect(Array.from(top.rows.subarray(0, top.size))).toEqual([2, 3, 1]);
    expect(top.floor).toBe(0.7);
  });

  it('leaves a row it holds as it is when the row is offered again', () => {
    const once = new SimilarityTopK(3);
    const twice = new SimilarityTopK(3);
    const offers: Array<[number, number]> = [[0.8, 4], [0.6, 9], [0.95, 2], [0.7, 5]];
    for (const [sim, row] of offers) once.offer(sim, row);
    for (const [sim, row] of [...offers, ...offers]) twice.offer(sim, row);
    expect(twice.size).toBe(3);
    expect(Array.from(twice.rows)).toEqual(Array.from(once.rows));
    expect(Array.from(twice.sims)).toEqual(Array.from(once.sims));
  });

  it('does not take a held row twice before it is full', () => {
    const top = new SimilarityTopK(5);
    top.offer(0.5, 1);
    top.offer(0.5, 1);
    expect(top.size).toBe(1);
    expect(top.floor).toBe(-Infinity);
  });
});
