import { normalCdf, normalQuantile } from './normal-distribution';

describe('standard normal distribution', () => {
  it.each([
    // Φ⁻¹ values from Python's statistics.NormalDist().inv_cdf.
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.9, 1.2815515655446004],
    [0.001, -3.090232306167813],
    [0.99999, 4.264890793922602],
  ])('Φ⁻¹(%s) = %s', (p, x) => {
    expect(normalQuantile(p)).toBeCloseTo(x, 7);
    expect(normalCdf(x)).toBeCloseTo(p, 6);
  });

  it('refuses a probability of 0 or 1', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
