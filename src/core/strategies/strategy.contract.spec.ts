import { DEFAULT_ENGINE_CONFIG, EngineConfig } from '../engine/engine-config';
import { runBacktest } from '../engine/engine';
import { OrderRecord } from '../engine/orders';
import { BarSeries, truncateSeries } from '../market/bar-series';
import { newsTape } from '../testing/news-tape';
import { perturbAfter, randomWalkSeries } from '../testing/random-walk';
import { createStrategy, STRATEGY_KINDS } from './registry';

/** What a strategy decided: the order as submitted, before any broker outcome. */
function decisions(orders: OrderRecord[], beforeBar = Infinity) {
  return orders
    .filter((o) => o.reason !== 'end-of-test' && o.signalBar < beforeBar)
    .map((o) => [o.signalBar, o.side, o.type, o.requestedQty, o.tag].join(' '));
}

const series = randomWalkSeries(700, 42);
// News for the strategies that read it (prices alone give the TradingGroup forecaster no skill here).
const inputs = newsTape(series);
const run = (bars: BarSeries, kind: string, config: EngineConfig) => runBacktest(bars, createStrategy(kind), config, { startBar: 0, endBar: bars.length }, {}, inputs);
const configs: Array<[string, EngineConfig]> = [
  ['long only', { ...DEFAULT_ENGINE_CONFIG, closeAtEnd: false }],
  ['shorting on', { ...DEFAULT_ENGINE_CONFIG, closeAtEnd: false, allowShort: true }],
];

describe.each(Object.keys(STRATEGY_KINDS))('strategy contract: %s', (kind) => {
  describe.each(configs)('%s', (_label, config) => {
    const full = run(series, kind, config);

    it('trades on the sample series (so the checks below are not vacuous)', () => {
      expect(decisions(full.orders).length).toBeGreaterThan(0);
    });

    it('decides nothing before its minimum period', () => {
      const strategy = createStrategy(kind);
      expect(full.orders.every((o) => o.signalBar >= strategy.minPeriod - 1)).toBe(true);
    });

    it('gives the same result for the same input', () => {
      const again = run(series, kind, config);
      expect(Array.from(again.equity)).toEqual(Array.from(full.equity));
      expect(again.orders).toEqual(full.orders);
    });

    it.each([60, 201, 450, 699])('decides the same up to bar %i whether or not later bars exist', (cut) => {
      const truncated = run(truncateSeries(series, cut), kind, config);
      expect(decisions(truncated.orders)).toEqual(decisions(full.orders, cut));
      expect(Array.from(truncated.equity)).toEqual(Array.from(full.equity.subarray(0, cut)));
    });

    it.each([120, 333])('ignores perturbed bars after bar %i', (cut) => {
      const perturbed = run(perturbAfter(series, cut), kind, config);
      expect(decisions(perturbed.orders, cut)).toEqual(decisions(full.orders, cut));
      expect(Array.from(perturbed.equity.subarray(0, cut))).toEqual(Array.from(full.equity.subarray(0, cut)));
    });
  });
});
