import { StyleAgent } from './style.agent';
import { StyleParams } from './style.params';

const agent = new StyleAgent(StyleParams.parse({}));
const calm = { time: 0, drawdown: 0, recentReturn: 0, volatilityRatio: 1 };

describe('StyleAgent', () => {
  it('turns conservative after a drawdown, in turbulent markets and after a losing stretch', () => {
    expect(agent.run({ ...calm, drawdown: -0.1 }).data.style).toBe('conservative');
    expect(agent.run({ ...calm, volatilityRatio: 1.8 }).data.style).toBe('conservative');
    expect(agent.run({ ...calm, recentReturn: -0.05 }).data.style).toBe('conservative');
  });

  it('turns aggressive after gains in calm markets with a shallow drawdown', () => {
    expect(agent.run({ ...calm, recentReturn: 0.04, volatilityRatio: 0.9 }).data.style).toBe('aggressive');
    expect(agent.run({ ...calm, recentReturn: 0.04, volatilityRatio: 1.2 }).data.style).toBe('balanced');
    expect(agent.run({ ...calm, recentReturn: 0.04, drawdown: -0.05 }).data.style).toBe('balanced');
  });

  it('stays balanced when no rule fires and says why it chose', () => {
    const out = agent.run(calm);
    expect(out.data.style).toBe('balanced');
    expect(out.rationale).toBe('balanced: no rule fired');
  });

  it('flags warm-up and uses no volatility rule before the volatility regime is known', () => {
    const out = agent.run({ ...calm, recentReturn: 0.04, volatilityRatio: null });
    expect(out.data.style).toBe('balanced');
    expect(out.flags).toEqual(['warmup']);
    expect(agent.run({ ...calm, recentReturn: 0.04, volatilityRatio: 0.9 }).flags).toEqual([]);
  });

  it('leans aggressive under a positive reflection tilt', () => {
    expect(agent.run({ ...calm, drawdown: -0.085 }).data.style).toBe('conservative');
    expect(agent.run({ ...calm, drawdown: -0.085, tilt: 0.2 }).data.style).toBe('balanced');
  });
});
