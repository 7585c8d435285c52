import { DynamicRisk } from './dynamic-risk';
import { RiskParams } from './risk.params';

describe('DynamicRisk', () => {
  it('sets T_SL and T_TP as style multiples of σ', () => {
    const risk = new DynamicRisk(RiskParams.parse({}));
    expect(risk.thresholds('balanced', 0.02)).toEqual({ stopLoss: 0.05, takeProfit: 0.1 });
    expect(risk.thresholds('conservative', 0.02).stopLoss).toBeCloseTo(0.04, 12);
  });

  it('forces a stop-loss when the unrealised return falls to −T_SL, with thresholds fixed at entry', () => {
    const risk = new DynamicRisk(RiskParams.parse({}));
    // Entry at 100 with σ 2%, balanced: T_SL 5%, T_TP 10%.
    expect(risk.assess('balanced', 0.02, 10, 100, 100).forced).toBeNull();
    // σ doubles later; fixed thresholds keep T_SL at 5%: a close of 95 hits it.
    const later = risk.assess('balanced', 0.04, 10, 100, 95);
    expect(later.stopLoss).toBeCloseTo(0.05, 12);
    expect(later.forced).toBe('stop-loss');
  });

  it('keeps the thresholds of the decision that opened the position, not those of its first close', () => {
    const risk = new DynamicRisk(RiskParams.parse({}));
    // Decided flat, balanced, σ 2%: T_SL 5%, T_TP 10%, armed with the buy.
    const atDecision = risk.assess('balanced', 0.02, 0, NaN, 100);
    risk.arm(atDecision.stopLoss, atDecision.takeProfit);
    // At the first close after the fill σ is 4% and the style conservative: T_SL would be 8%.
    const first = risk.assess('conservative', 0.04, 10, 101, 100);
    expect(first).toMatchObject({ stopLoss: 0.05, takeProfit: 0.1 });
    expect(risk.assess('aggressive', 0.01, 10, 101, 95.5).forced).toBe('stop-loss');
    // Flat again: the next position takes its own decision's thresholds.
    risk.assess('balanced', 0.02, 0, NaN, 100);
    risk.arm(0.03, 0.06);
    expect(risk.assess('balanced', 0.02, 5, 100, 100)).toMatchObject({ stopLoss: 0.03, takeProfit: 0.06 });
  });

  it('forces no exit at the close when checked intrabar: the engine\'s stop and take-profit are the only ones', () => {
    const risk = new DynamicRisk(RiskParams.parse({ check: 'intrabar' }));
    risk.arm(0.05, 0.1);
    risk.assess('balanced', 0.02, 10, 100, 100);
    const below = risk.assess('balanced', 0.02, 10, 100, 90);
    expect(below).toMatchObject({ stopLoss: 0.05, forced: null });
    expect(below.unrealized).toBeCloseTo(-0.1, 12);
  });

  it('forces a take-profit at +T_TP', () => {
    const risk = new DynamicRisk(RiskParams.parse({}));
    risk.assess('balanced', 0.02, 10, 100, 100);
    expect(risk.assess('balanced', 0.02, 10, 100, 110.5).forced).toBe('take-profit');
  });

  it('trails the stop from the highest close since entry when asked', () => {
    const risk = new DynamicRisk(RiskParams.parse({ thresholds: 'trailing' }));
    risk.assess('balanced', 0.02, 10, 100, 100);
    risk.assess('balanced', 0.02, 10, 100, 108);
    // 108 → 102.5 is −5.09% from the high, beyond T_SL 5%, though still +2.5% from entry.
    const a = risk.assess('balanced', 0.02, 10, 100, 102.5);
    expect(a.reference).toBe(108);
    expect(a.forced).toBe('stop-loss');
  });

  it('resets when flat so the next position gets its own thresholds', () => {
    const risk = new DynamicRisk(RiskParams.parse({}));
    risk.assess('balanced', 0.02, 10, 100, 100);
    expect(risk.assess('balanced', 0.02, 0, NaN, 100).forced).toBeNull();
    risk.assess('conservative', 0.01, 5, 50, 50);
    expect(risk.assess('conservative', 0.05, 5, 50, 49).forced).toBe('stop-loss'); // T_SL 2% fixed at the new entry
  });
});
