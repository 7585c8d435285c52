import { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe } from './deflated-sharpe';

const run = { n: 250, sharpePerBar: 0.1, skewness: -0.5, kurtosis: 5 };

describe('deflated Sharpe ratio', () => {
  it('expects the best of 10 skill-less trials with unit variance at 1.5746 (Bailey and López de Prado)', () => {
    // (1 − γ)·Φ⁻¹(1 − 1/10) + γ·Φ⁻¹(1 − 1/(10e)), computed with Python's statistics.NormalDist.
    expect(expectedMaxSharpe(10, 1)).toBeCloseTo(1.5745983, 5);
    expect(expectedMaxSharpe(10, 0.04)).toBeCloseTo(0.2 * 1.5745983, 5);
  });

  it('expects nothing of a single trial', () => {
    expect(expectedMaxSharpe(1, 1)).toBe(0);
  });

  it('gives the probabilistic Sharpe ratio of a skewed, fat-tailed run', () => {
    // Φ((0.1 − 0.02)·√249 / √(1 + 0.5·0.1 + (5 − 1)/4·0.01)), computed with Python's statistics.NormalDist.
    expect(probabilisticSharpe(run, 0.02)).toBeCloseTo(0.8899252, 6);
    expect(probabilisticSharpe(run, 0.1)).toBeCloseTo(0.5, 6);
  });

  it('deflates more as the number of trials grows', () => {
    const few = deflatedSharpe(run, 2, 0.002)!;
    const many = deflatedSharpe(run, 1000, 0.002)!;
    expect(few).toBeGreaterThan(many);
    expect(deflatedSharpe(run, 1, 0.002)).toBeCloseTo(probabilisticSharpe(run, 0)!, 12);
  });

  it('is undefined for returns that do not vary', () => {
    expect(deflatedSharpe({ n: 250, sharpePerBar: 0, skewness: null, kurtosis: null }, 10, 0.01)).toBeNull();
  });
});
