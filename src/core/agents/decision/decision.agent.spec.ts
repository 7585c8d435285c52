import { DecisionAgent } from './decision.agent';
import { DecisionParams } from './decision.params';

const agent = new DecisionAgent(DecisionParams.parse({}));
const base = { time: 0, style: 'balanced' as const, position: 0, news: null, report: null };

describe('DecisionAgent', () => {
  it('fuses the available signals as a weighted mean', () => {
    const out = agent.run({
      ...base,
      news: { value: 0.4, available: true },
      report: { value: -0.2, available: true },
      forecast: { value: 0.3, label: 'up', skill: 1 },
    });
    // (0.55·0.3 + 0.25·0.4 + 0.2·(−0.2)) / 1.0 = 0.165 + 0.1 − 0.04 = 0.225
    expect(out.data.score).toBeCloseTo(0.225, 12);
    expect(out.data.action).toBe('BUY');
  });

  it('leaves out a signal without data and renormalises the weights', () => {
    const out = agent.run({ ...base, news: { value: 0.9, available: false }, forecast: { value: 0.08, label: 'up', skill: 1 } });
    // Only the forecast counts: 0.55·0.08 / 0.55 = 0.08 < balanced buy threshold 0.1.
    expect(out.data.score).toBeCloseTo(0.08, 12);
    expect(out.data.action).toBe('HOLD');
    expect(out.data.contributions.find((c) => c.source === 'news')?.used).toBe(false);
  });

  it('weighs the forecast by its measured skill: none leaves it out of the score, without scaling it back up', () => {
    const confident = { ...base, forecast: { value: 0.6, label: 'up' as const, skill: 0 } };
    // A forecast without skill: the score is 0 whatever P(up) − P(down) says, and nothing is bought.
    expect(agent.run(confident).data).toMatchObject({ score: 0, action: 'HOLD' });
    // With news, the forecast still counts in the denominator: (0.25·0.4 + 0.55·0·0.6) / 0.8.
    expect(agent.run({ ...confident, news: { value: 0.4, available: true } }).data.score).toBeCloseTo(0.125, 12);
    // Skill 0.25: the forecast counts for a quarter of its weight.
    const skilled = agent.run({ ...confident, forecast: { ...confident.forecast, skill: 0.25 } });
    expect(skilled.data.score).toBeCloseTo(0.15, 12);
    expect(skilled.data.contributions[0]).toMatchObject({ source: 'forecast', weight: 0.55, reliability: 0.25 });
    expect(skilled.rationale).toMatch(/forecast \+0\.60×0\.55×skill 0\.25/);
    // A negative skill score (worse than the base rates) counts as none.
    expect(agent.run({ ...confident, forecast: { ...confident.forecast, skill: -0.3 } }).data.score).toBe(0);
  });

  it('uses the style to set the threshold', () => {
    const input = { ...base, forecast: { value: 0.07, label: 'up' as const, skill: 1 } };
    expect(agent.run({ ...input, style: 'aggressive' }).data.action).toBe('BUY');
    expect(agent.run({ ...input, style: 'conservative' }).data.action).toBe('HOLD');
  });

  it('sells a long on a negative score beyond the sell threshold and never shorts', () => {
    const bearish = { ...base, forecast: { value: -0.5, label: 'down' as const, skill: 1 } };
    expect(agent.run({ ...bearish, position: 10 }).data.action).toBe('SELL');
    expect(agent.run({ ...bearish, position: 0 }).data.action).toBe('HOLD');
  });

  it('reports a confidence in [0, 1] and a rationale naming the signals', () => {
    const out = agent.run({ ...base, forecast: { value: 1, label: 'up', skill: 1 }, news: { value: 1, available: true } });
    expect(out.data.confidence).toBe(1);
    expect(out.rationale).toMatch(/forecast \+1\.00×0\.55, news \+1\.00×0\.25/);
  });
});
