import type { ForecastQuality } from '../../../core/metrics';
import { renderForecastQuality } from './forecast-quality.view';

describe('renderForecastQuality', () => {
  it('prints the scores against the class frequencies and one reliability row per decile used', () => {
    const q: ForecastQuality = {
      forecasts: 1097,
      brier: 0.6651,
      baseBrier: 0.6652,
      skill: 0.0002,
      hitRate: 0.3646,
      baseHitRate: 0.35,
      meanTopProbability: 0.366,
      reliability: Array.from({ length: 10 }, (_, b) => ({ from: b / 10, to: (b + 1) / 10, n: b === 3 ? 3291 : 0, predicted: b === 3 ? 0.3333 : null, observed: b === 3 ? 0.3329 : null })),
    };
    const text = renderForecastQuality(q);
    expect(text).toMatch(/Forecasts\s+Brier\s+Class-frequency Brier\s+Skill/);
    expect(text).toMatch(/1,097\s+0\.6651\s+0\.6652\s+0\.0002\s+36\.46%\s+35\.00%\s+36\.60%/);
    expect(text).toMatch(/0\.3–0\.4\s+3,291\s+33\.3%\s+33\.3%/);
    expect(text).not.toMatch(/0\.4–0\.5/);
  });
});
