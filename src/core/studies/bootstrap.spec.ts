import { bootstrapMean } from './bootstrap';
import { seededRandom } from './mulberry32';

const sample = Array.from({ length: 60 }, (_, i) => {
  const r = seededRandom(7 + i);
  return r() * 2 - 0.5;
});

describe('bootstrap interval of the mean', () => {
  it('gives the same interval for the same seed and another one for another seed', () => {
    const a = bootstrapMean(sample, { seed: 1, resamples: 2000 })!;
    expect(bootstrapMean(sample, { seed: 1, resamples: 2000 })).toEqual(a);
    expect(bootstrapMean(sample, { seed: 2, resamples: 2000 })!.low).not.toBe(a.low);
  });

  it('brackets the sample mean with an interval about 2·1.96 standard errors wide', () => {
    const i = bootstrapMean(sample, { resamples: 20_000 })!;
    const mean = sample.reduce((s, x) => s + x, 0) / sample.length;
    const sd = Math.sqrt(sample.reduce((s, x) => s + (x - mean) ** 2, 0) / sample.length);
    expect(i.estimate).toBeCloseTo(mean, 12);
    expect(i.low).toBeLessThan(mean);
    expect(i.high).toBeGreaterThan(mean);
    expect((i.high - i.low) / (2 * 1.96 * (sd / Math.sqrt(sample.length)))).toBeGreaterThan(0.85);
    expect((i.high - i.low) / (2 * 1.96 * (sd / Math.sqrt(sample.length)))).toBeLessThan(1.15);
  });

  it('is null for fewer than two values', () => {
    expect(bootstrapMean([1])).toBeNull();
  });
});
