import type { ForecastQuality } from '../../core/metrics';
import { forecastQualityHtml } from './report-forecast.html';

const QUALITY: ForecastQuality = {
  forecasts: 250,
  brier: 0.6651,
  baseBrier: 0.6652,
  skill: 0.0002,
  hitRate: 0.36,
  baseHitRate: 0.35,
  meanTopProbability: 0.37,
  reliability: Array.from({ length: 10 }, (_, b) => ({ from: b / 10, to: (b + 1) / 10, n: b === 3 ? 750 : 0, predicted: b === 3 ? 0.333 : null, observed: b === 3 ? 0.333 : null })),
};

describe('forecast calibration in the report', () => {
  it('shows the Brier score against the class frequencies and the reliability table of the deciles that were used', () => {
    const html = forecastQualityHtml(QUALITY);
    expect(html).toMatch(/<h2>Forecast calibration<\/h2>/);
    expect(html).toMatch(/Class-frequency Brier<\/th><td class="num">0\.6652/);
    expect(html).toMatch(/<th scope="row">0\.3–0\.4<\/th><td class="num">750<\/td><td class="num">33\.3%<\/td><td class="num">33\.3%<\/td>/);
    expect((html.match(/<th scope="row">0\.\d–/g) ?? []).length).toBe(1);
  });

  it('leaves the section out for a run without scored forecasts', () => {
    expect(forecastQualityHtml(undefined)).toBe('');
    expect(forecastQualityHtml({ ...QUALITY, forecasts: 0 })).toBe('');
  });
});
