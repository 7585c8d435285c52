import { selectPreferencePair } from './preference-pair.selector';

describe('selectPreferencePair', () => {
  it('prefers the best action over the lowest-reward one', () => {
    const pair = selectPreferencePair({ BUY: 0.02, SELL: -0.01, HOLD: 0.001 }, 'BUY', 'HOLD', 'worst');
    expect(pair).toMatchObject({ chosen: 'BUY', rejected: 'SELL', rejectedSource: 'label' });
    expect(pair!.margin).toBeCloseTo(0.03, 15);
  });

  it('rejects HOLD rather than the no-op SELL of a flat account when they tie', () => {
    const pair = selectPreferencePair({ BUY: 0.01, SELL: -0.002, HOLD: -0.002 }, 'BUY', 'HOLD', 'worst');
    expect(pair).toMatchObject({ chosen: 'BUY', rejected: 'HOLD' });
    expect(pair!.margin).toBeCloseTo(0.012, 15);
  });

  it('ranges over the actions with a reward only: a long position\'s BUY (null) is never picked', () => {
    expect(selectPreferencePair({ BUY: null, SELL: 0.004, HOLD: -0.01 }, 'SELL', 'HOLD', 'worst')).toMatchObject({ chosen: 'SELL', rejected: 'HOLD' });
    expect(selectPreferencePair({ BUY: null, SELL: -0.02, HOLD: 0.01 }, 'HOLD', 'HOLD', 'worst')).toMatchObject({ chosen: 'HOLD', rejected: 'SELL' });
  });

  it('gives no pair when the best and the worst action earn the same', () => {
    expect(selectPreferencePair({ BUY: 0, SELL: 0, HOLD: 0 }, 'HOLD', 'HOLD', 'worst')).toBeNull();
  });

  it('rejects the action taken when it was worse than the best, with policy taken', () => {
    expect(selectPreferencePair({ BUY: -0.03, SELL: 0.01, HOLD: 0 }, 'SELL', 'HOLD', 'taken')).toEqual({
      chosen: 'SELL',
      rejected: 'HOLD',
      rejectedSource: 'model',
      margin: 0.01,
    });
  });

  it('falls back to the worst action when the action taken was the best', () => {
    expect(selectPreferencePair({ BUY: -0.03, SELL: 0.01, HOLD: 0 }, 'SELL', 'SELL', 'taken')).toMatchObject({ rejected: 'BUY', rejectedSource: 'label' });
  });

  it('falls back to the worst action when the action taken ties with the best', () => {
    expect(selectPreferencePair({ BUY: -0.03, SELL: 0, HOLD: 0 }, 'HOLD', 'SELL', 'taken')).toMatchObject({ rejected: 'BUY', rejectedSource: 'label' });
  });
});
