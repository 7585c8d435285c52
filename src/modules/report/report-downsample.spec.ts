import { DRAWN_BARS_LIMIT, drawnBars, lttbIndices } from './report-downsample';

describe('lttbIndices', () => {
  it('keeps every point when the threshold is not below the length', () => {
    expect(lttbIndices((i) => i, [5, 6, 7], 3)).toEqual([0, 1, 2]);
  });

  it('keeps the first and last points and the spike of each bucket', () => {
    const n = 1_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 333 ? 50 : i === 777 ? -40 : Math.sin(i / 50)));
    const picked = lttbIndices((i) => x[i], y, 20);
    expect(picked).toHaveLength(20);
    expect(picked[0]).toBe(0);
    expect(picked[19]).toBe(n - 1);
    expect(picked).toEqual(expect.arrayContaining([333, 777]));
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
  });

  it('passes over gaps without picking them', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i % 10 === 5 ? NaN : i % 7));
    const picked = lttbIndices((i) => i, y, 12);
    expect(picked.filter((i) => i > 0 && i < 99 && Number.isNaN(y[i]))).toEqual([]);
  });
});

describe('drawnBars', () => {
  const line = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

  it('draws every bar of a run up to the limit', () => {
    const n = DRAWN_BARS_LIMIT;
    expect(drawnBars((i) => i, line(n, () => 1), line(n, () => 1), line(n, () => 0), [])).toHaveLength(n);
  });

  it('draws a long run from LTTB picks, the kept bars and both sides of every change of side', () => {
    const n = 200_000;
    const position = line(n, (i) => (i >= 50_000 && i < 50_010 ? 10 : i >= 120_000 && i < 120_003 ? -5 : 0));
    const drawn = drawnBars((i) => i * 86_400, line(n, (i) => 1e5 + Math.sin(i)), line(n, (i) => 100 + Math.cos(i / 3)), position, [77_777]);
    expect(drawn.length).toBeLessThan(3_100);
    expect(drawn).toEqual(expect.arrayContaining([0, n - 1, 77_777, 49_999, 50_000, 50_009, 50_010, 119_999, 120_000, 120_002, 120_003]));
    expect(new Set(drawn).size).toBe(drawn.length);
    expect([...drawn].sort((a, b) => a - b)).toEqual(drawn);
  });
});
