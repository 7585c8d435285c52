import fc from 'fast-check';
import { barTable } from '../testing/bar-table';
import { ScriptedStrategy } from '../testing/scripted.strategy';
import { commissionFor, DEFAULT_COMMISSION } from './commission';
import { DEFAULT_ENGINE_CONFIG, EngineConfig } from './engine-config';
import { runBacktest } from './engine';
import { OrderIntent } from './orders';

const bar = fc
  .tuple(fc.double({ min: 5, max: 500, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([mid, spread, u]) => {
    const high = mid * (1 + spread);
    const low = mid * (1 - spread);
    const open = low + (high - low) * u;
    const close = low + (high - low) * (1 - u);
    return [open, high, low, close] as [number, number, number, number];
  });

const intent: fc.Arbitrary<OrderIntent> = fc.record({
  side: fc.constantFrom('buy' as const, 'sell' as const),
  qty: fc.integer({ min: 1, max: 3_000 }),
  type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const),
  offset: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  stopLoss: fc.option(fc.double({ min: 0.01, max: 0.2, noNaN: true }), { nil: undefined }),
}).map(({ side, qty, type, offset, stopLoss }) => ({ side, qty, type, limit: 1 + offset, stop: 1 + offset, stopLoss }));

const scenario = fc.record({
  rows: fc.array(bar, { minLength: 2, maxLength: 40 }),
  script: fc.array(fc.tuple(fc.nat(39), intent), { maxLength: 25 }),
  allowShort: fc.boolean(),
  shortModel: fc.constantFrom('margin' as const, 'cash-secured' as const),
  slippageBps: fc.constantFrom(0, 5),
  cashRate: fc.constantFrom(0, 0.03, 0.5),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Replays a scenario; limit and stop prices are given relative to the signal close. */
function replay(s: Scenario) {
  const bars = barTable(s.rows);
  const script = new Map<number, OrderIntent[]>();
  for (const [t, it] of s.script) {
    if (t >= s.rows.length) continue;
    const c = s.rows[t][3];
    const list = script.get(t) ?? [];
    list.push({ ...it, limit: it.limit! * c, stop: it.stop! * c });
    script.set(t, list);
  }
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, allowShort: s.allowShort, shortModel: s.shortModel, slippageBps: s.slippageBps, cashRate: s.cashRate ?? 0 };
  return { bars, result: runBacktest(bars, new ScriptedStrategy(script), config), config };
}

/** A sell limit and a sell market order filling at the same open, closing a long and opening a short. */
const SAME_BAR_MARKET_AND_LIMIT = {
  rows: Array.from({ length: 5 }, () => [5, 5, 5, 5]),
  script: [
    [0, { side: 'buy', qty: 1, type: 'market', limit: 1, stop: 1 }],
    [2, { side: 'sell', qty: 1, type: 'limit', limit: 1, stop: 1 }],
    [2, { side: 'sell', qty: 1, type: 'market', limit: 1, stop: 1 }],
  ],
  allowShort: true,
  shortModel: 'cash-secured',
  slippageBps: 5,
} as never;

describe('ledger invariants (property-based)', () => {
  it('equity always equals cash plus the marked position, rebuilt from the fills alone', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { bars, result, config } = replay(s);
        let cash = config.initialCash;
        let qty = 0;
        let avg = NaN;
        // The broker's order within a bar: market orders fill at the open first, then triggered stop and limit orders.
        const marketFirst = (o: { type: string }) => (o.type === 'market' ? 0 : 1);
        const fills = result.orders.filter((o) => o.status === 'filled').sort((a, b) => a.eventBar - b.eventBar || marketFirst(a) - marketFirst(b) || a.id - b.id);
        let k = 0;
        const perBar = Math.pow(1 + config.cashRate, 1 / 252) - 1;
        // A run whose account is wiped out ends at that close: its series are shorter.
        for (let t = 0; t < result.equity.length; t++) {
          // The free cash held since the previous close earns one bar of interest (a margin short's proceeds excepted).
          const free = qty < 0 && config.shortModel === 'margin' ? cash + qty * bars.close[Math.max(0, t - 1)] : cash;
          if (free > 0) cash += free * perBar;
          for (; k < fills.length && fills[k].eventBar === t; k++) {
            const f = fills[k];
            const delta = f.side === 'buy' ? f.filledQty : -f.filledQty;
            expect(f.commission).toBeCloseTo(commissionFor(DEFAULT_COMMISSION, f.filledQty, f.price), 9);
            // Cash flow per the short model, closing first then opening (as the broker does).
            const closing = qty !== 0 && Math.sign(qty) !== Math.sign(delta) ? Math.min(Math.abs(delta), Math.abs(qty)) : 0;
            const opening = Math.abs(delta) - closing;
            if (closing > 0) {
              if (qty > 0) cash += closing * f.price;
              else cash += config.shortModel === 'margin' ? -closing * f.price : closing * (2 * avg - f.price);
              qty += Math.sign(delta) * closing;
              if (qty === 0) avg = NaN;
            }
            if (opening > 0) {
              cash += delta < 0 && config.shortModel === 'margin' ? opening * f.price : -opening * f.price;
              const held = Math.abs(qty);
              avg = held === 0 ? f.price : (avg * held + f.price * opening) / (held + opening);
              qty += Math.sign(delta) * opening;
            }
            cash -= f.commission;
          }
          const c = bars.close[t];
          const marked = qty >= 0 || config.shortModel === 'margin' ? qty * c : -qty * (2 * avg - c);
          expect(result.position[t]).toBe(qty);
          expect(result.cash[t]).toBeCloseTo(cash, 6);
          expect(result.equity[t]).toBeCloseTo(cash + marked, 6);
        }
      }),
      { numRuns: 300, examples: [[SAME_BAR_MARKET_AND_LIMIT]] },
    );
  });

  it('never holds a negative position when shorting is off, and never spends cash it does not have on a long', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { result } = replay({ ...s, allowShort: false });
        for (let t = 0; t < result.position.length; t++) {
          expect(result.position[t]).toBeGreaterThanOrEqual(0);
          expect(result.cash[t]).toBeGreaterThanOrEqual(-1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with everything closed at the end, the trades and the cash interest account for the whole change in equity', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { result, config } = replay(s);
        const pnl = result.trades.reduce((sum, tr) => sum + tr.pnl, 0);
        const n = result.position.length;
        expect(result.position[n - 1]).toBe(0);
        expect(pnl + (result.interest?.[n - 1] ?? 0)).toBeCloseTo(result.equity[n - 1] - config.initialCash, 6);
      }),
      { numRuns: 300 },
    );
  });
});
