/**
 * Maximal marginal relevance: picks `k` of the candidates one at a time, each maximising
 * λ·relevance(i) − (1 − λ)·max_{j picked} similarity(i, j), so near-duplicates of a passage
 * already picked give way to other topics. Relevance should be on the scale of similarity
 * (both in [0, 1]). Ties go to the lower index. Returns candidate indices in pick order.
 */
export function mmrSelect(relevance: ArrayLike<number>, similarity: (i: number, j: number) => number, k: number, lambda: number): number[] {
  const n = relevance.length;
  const picked: number[] = [];
  const maxSim = new Float64Array(n);
  const taken = new Uint8Array(n);
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const value = lambda * relevance[i] - (1 - lambda) * (picked.length === 0 ? 0 : maxSim[i]);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    taken[best] = 1;
    picked.push(best);
    for (let i = 0; i < n; i++) if (!taken[i]) maxSim[i] = Math.max(maxSim[i], similarity(i, best));
  }
  return picked;
}
