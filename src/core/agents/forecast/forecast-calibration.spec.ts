import { BarSeries } from '../../market/bar-series';
import { ForecastScorecard } from '../../metrics/forecast-quality.metric';
import { persistentSignSeries, randomWalkSeries } from '../../testing/random-walk';
import { ForecastParams } from './forecast.params';
import { Forecast } from './forecast.types';
import { ForecastingAgent } from './forecasting.agent';

const params = ForecastParams.parse({});

/** The forecaster walk-forward over the bars from `from`, each forecast scored when its outcome is known. */
function forecastAll(bars: BarSeries, from: number) {
  const agent = new ForecastingAgent(bars, params);
  agent.warmUp(from);
  const card = new ForecastScorecard(params.calibration.halfLife, params.calibration.minSamples);
  const out: Forecast[] = [];
  for (let t = from; t < bars.length; t++) {
    card.settle(t, bars.close);
    const f = agent.run({ t, time: bars.time[t] }).data;
    card.record(t, f);
    out.push(f);
  }
  return { out, quality: card.quality(), skill: card.skill };
}

describe('forecaster calibration, on series whose truth is known', () => {
  it('gives the base rates when the next move cannot be predicted (a fair coin), and so never a worse Brier score', () => {
    for (const seed of [1, 2, 3]) {
      const { out, quality } = forecastAll(persistentSignSeries(1_500, 0.5, seed), 300);
      const blended = out.filter((f) => f.modelWeight > 0).length;
      expect(blended / out.length).toBeLessThan(0.05);
      for (const f of out) {
        expect(Math.abs(f.pUp - f.baseUp)).toBeLessThan(0.05);
        expect(Math.abs(f.pDown - f.baseDown)).toBeLessThan(0.05);
      }
      expect(quality.brier!).toBeLessThanOrEqual(quality.baseBrier! + 1e-3);
      // Confident calls are what the old model made: here the top probability stays near the base rates'.
      expect(quality.meanTopProbability!).toBeLessThan(0.56);
    }
  });

  it('stays at the base rates on a random walk with regime swings', () => {
    const { quality } = forecastAll(randomWalkSeries(1_500, 42), 300);
    expect(quality.brier!).toBeLessThanOrEqual(quality.baseBrier! + 1e-3);
  });

  it('finds a planted signal, uses it, and says calibrated probabilities: predicted matches observed by decile', () => {
    const bars = persistentSignSeries(2_500, 0.8, 5);
    const { out, quality, skill } = forecastAll(bars, 300);
    const late = out.slice(out.length >> 1);
    expect(late.every((f) => f.modelWeight > 0.5)).toBe(true);
    expect(quality.skill!).toBeGreaterThan(0.2);
    expect(skill).toBeGreaterThan(0.2);
    expect(quality.brier!).toBeLessThan(quality.baseBrier!);
    for (const bin of quality.reliability) {
      if (bin.n < 100) continue;
      expect(Math.abs(bin.predicted! - bin.observed!)).toBeLessThan(0.08);
    }
    // The truth: after an up day the next is up 80% of the time (less the days within ±ε).
    const afterUp = late.filter((_, i) => bars.close[300 + (out.length >> 1) + i] > bars.open[300 + (out.length >> 1) + i]);
    const meanUp = afterUp.reduce((s, f) => s + f.pUp, 0) / afterUp.length;
    expect(meanUp).toBeGreaterThan(0.6);
    expect(meanUp).toBeLessThan(0.85);
  });
});
