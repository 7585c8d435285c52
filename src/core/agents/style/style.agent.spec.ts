import { StyleAgent } from './style.agent';
import { StyleColumns } from './style.columns';
import { StyleParams } from './style.params';

const agent = new StyleAgent(StyleParams.parse({}));
const calm = { time: 0, drawdown: 0, recentReturn: 0, volatilityRatio: 1, position: 0, unrealizedReturn: 0 };

describe('StyleAgent', () => {
  it('turns conservative after a drawdown, in turbulent markets and after a losing stretch', () => {
    expect(agent.run({ ...calm, drawdown: -0.1 }).data.style).toBe('conservative');
    expect(agent.run({ ...calm, volatilityRatio: 1.8 }).data.style).toBe('conservative');
    expect(agent.run({ ...calm, recentReturn: -0.05 }).data.style).toBe('conservative');
  });

  it('reads the position and its unrealised P&L: conservative while the open position loses beyond 5%', () => {
    const losing = agent.run({ ...calm, position: 300, unrealizedReturn: -0.06 });
    expect(losing.data).toMatchObject({ style: 'conservative', rule: 'open loss', reason: 'open position -6.0%', position: 300, unrealizedReturn: -0.06 });
    expect(losing.rationale).toBe('conservative: open position -6.0%');
    expect(agent.run({ ...calm, position: 300, unrealizedReturn: -0.04 }).data.style).toBe('balanced');
    // Gains in calm markets are no reason to press while the position is under water; flat, a stale number is ignored.
    expect(agent.run({ ...calm, recentReturn: 0.04, volatilityRatio: 0.9, position: 300, unrealizedReturn: -0.01 }).data.style).toBe('balanced');
    expect(agent.run({ ...calm, position: 0, unrealizedReturn: -0.2 }).data.style).toBe('balanced');
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

  it('names the rule that fired, and its trace columns give back the same output for every rule', () => {
    const outputs = [
      agent.run({ ...calm, drawdown: -0.1234 }),
      agent.run({ ...calm, volatilityRatio: 1.876 }),
      agent.run({ ...calm, recentReturn: -0.0512 }),
      agent.run({ ...calm, recentReturn: 0.0456, volatilityRatio: 0.9 }),
      agent.run(calm),
      agent.run({ ...calm, volatilityRatio: null }),
      agent.run({ ...calm, position: 120, unrealizedReturn: -0.0789 }),
    ];
    expect(outputs.map((o) => o.data.rule)).toEqual(['drawdown', 'volatility', 'recent loss', 'calm gains', 'none', 'none', 'open loss']);
    expect(outputs.map((o) => o.rationale)).toEqual([
      'conservative: drawdown -12.3%',
      'conservative: volatility ×1.88',
      'conservative: recent return -5.1%',
      'aggressive: recent return 4.6% in calm markets',
      'balanced: no rule fired',
      'balanced: no rule fired',
      'conservative: open position -7.9%',
    ]);
    const columns = new StyleColumns();
    const rows = outputs.map((o) => columns.write(o));
    expect(rows).toEqual([0, 1, 2, 3, 4, 5, 6]);
    rows.forEach((row, i) => {
      const back = columns.read(row);
      expect(JSON.stringify(back)).toBe(JSON.stringify(outputs[i]));
      expect(back.rationale).toBe(outputs[i].rationale);
    });
  });

  it('leans aggressive under a positive reflection tilt', () => {
    expect(agent.run({ ...calm, drawdown: -0.085 }).data.style).toBe('conservative');
    expect(agent.run({ ...calm, drawdown: -0.085, tilt: 0.2 }).data.style).toBe('balanced');
  });
});
