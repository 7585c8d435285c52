import fc from 'fast-check';
import { canTake } from '../agents/decision/decision-actions';
import { ACTIONS } from '../agents/decision/decision.types';
import { randomWalkSeries } from '../testing/random-walk';
import { decisionLabel } from './decision-label';

const bars = randomWalkSeries(400, 11);
const COMMISSIONS = [{ kind: 'none' }, { kind: 'fixed', amount: 1 }, { kind: 'per-share', perShare: 0.0049, min: 0.99, maxPct: 0.01 }] as const;

/** A decision state the agent can be in: flat or long, any cash, the action it took among those it could take. */
const state = fc
  .record({
    t: fc.integer({ min: 0, max: bars.length - 6 }),
    cash: fc.double({ min: 0, max: 1e6, noNaN: true }),
    position: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
    pick: fc.nat(),
    horizon: fc.integer({ min: 1, max: 5 }),
    beta: fc.double({ min: 0, max: 1, noNaN: true }),
    gamma: fc.double({ min: 0, max: 2, noNaN: true }),
    buyFraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
    fillAt: fc.constantFrom('next-open' as const, 'close' as const),
    slippageBps: fc.integer({ min: 0, max: 50 }),
    commission: fc.constantFrom(...COMMISSIONS),
  })
  .filter((s) => s.cash + s.position * bars.close[s.t] > 0);

describe('decision labels over random states', () => {
  it('name as best an action the agent could take, and give a reward to exactly those and the one taken', () => {
    fc.assert(
      fc.property(state, (s) => {
        const feasible = ACTIONS.filter((a) => canTake(a, s.position));
        const chosen = feasible[s.pick % feasible.length];
        const label = decisionLabel(
          { t: s.t, cash: s.cash, position: s.position, chosen },
          bars,
          { horizon: s.horizon, beta: s.beta, gamma: s.gamma },
          { commission: s.commission, buyFraction: s.buyFraction, fillAt: s.fillAt, slippageBps: s.slippageBps },
        );
        expect(canTake(label.best, s.position)).toBe(true);
        for (const a of ACTIONS) expect(label.rewards[a] !== null).toBe(canTake(a, s.position));
        for (const a of feasible) expect(label.rewards[label.best]!).toBeGreaterThanOrEqual(label.rewards[a]!);
        expect(label.regret).toBeGreaterThanOrEqual(0);
        expect(label.regret).toBeCloseTo(label.rewards[label.best]! - label.rewards[chosen]!, 12);
      }),
      { numRuns: 500, seed: 15 },
    );
  });

  it('never rank BUY for a long position nor SELL for a flat one, whatever the outcome', () => {
    fc.assert(
      fc.property(state, (s) => {
        const label = decisionLabel({ t: s.t, cash: s.cash, position: s.position, chosen: 'HOLD' }, bars, { horizon: s.horizon, beta: s.beta, gamma: s.gamma }, {
          commission: s.commission,
          buyFraction: s.buyFraction,
          fillAt: s.fillAt,
          slippageBps: s.slippageBps,
        });
        expect(label.best).not.toBe(s.position > 0 ? 'BUY' : 'SELL');
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});
