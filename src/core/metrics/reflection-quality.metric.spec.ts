import { runBacktest } from '../engine/engine';
import { DEFAULT_ENGINE_CONFIG } from '../engine/engine-config';
import { createStrategy } from '../strategies/registry';
import { randomWalkSeries } from '../testing/random-walk';
import { computeReflectionQuality } from './reflection-quality.metric';

describe('reflection quality', () => {
  const bars = randomWalkSeries(600, 5);
  const strategy = createStrategy('tradinggroup');
  const result = runBacktest(bars, strategy, DEFAULT_ENGINE_CONFIG);
  const split = result.time[result.time.length >> 1];

  it('splits the labelled cases at the middle of the window and measures each half', () => {
    const q = computeReflectionQuality(result.memory, split);
    expect(q.firstHalf.cases + q.secondHalf.cases).toBe(result.memory.length);
    expect(q.firstHalf.cases).toBe(result.memory.filter((c) => c.decidedAt < split).length);
    const first = result.memory.filter((c) => c.decidedAt < split);
    expect(q.firstHalf.hitRate).toBeCloseTo(first.filter((c) => c.forecast.outcome.signOk > 0).length / first.length, 12);
    expect(q.secondHalf.meanRegret).toBeGreaterThanOrEqual(0);
  });

  it('is the same when the strategy reads it from its memory columns', () => {
    expect(result.memory.length).toBeGreaterThan(400);
    expect(strategy.reflectionQuality!(split)).toEqual(computeReflectionQuality(result.memory, split));
  });
});
