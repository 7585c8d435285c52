import { RiskAssessment } from '../../risk/dynamic-risk';
import { runBacktest } from '../../engine/engine';
import { DEFAULT_ENGINE_CONFIG } from '../../engine/engine-config';
import { newsTape } from '../../testing/news-tape';
import { randomWalkSeries } from '../../testing/random-walk';
import { createStrategy } from '../registry';

const bars = randomWalkSeries(700, 23);
const inputs = newsTape(bars, 5);

function run(check: 'close' | 'intrabar') {
  const result = runBacktest(bars, createStrategy('tradinggroup', { risk: { check } }), DEFAULT_ENGINE_CONFIG, { startBar: 0, endBar: bars.length }, {}, inputs);
  const risk = new Map(result.trace.filter((e) => e.agent === 'risk').map((e) => [e.bar, (e.output as { data: RiskAssessment }).data]));
  return { result, risk };
}

describe('TradingGroup risk timing: one position, one stop and one take-profit, set at the decision', () => {
  it.each(['close', 'intrabar'] as const)('keeps, on every bar of a position, the thresholds its buying decision saw (check %s)', (check) => {
    const { result, risk } = run(check);
    const entries = result.orders.filter((o) => o.status === 'filled' && o.side === 'buy' && o.reason === 'signal');
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      const atDecision = risk.get(entry.signalBar)!;
      const trade = result.trades.find((t) => t.entryBar === entry.eventBar)!;
      for (let t = entry.eventBar; t < trade.exitBar; t++) {
        const held = risk.get(t);
        if (!held || Number.isNaN(held.reference)) continue;
        expect([t, held.stopLoss, held.takeProfit]).toEqual([t, atDecision.stopLoss, atDecision.takeProfit]);
      }
    }
  });

  it('exits intrabar only through the engine\'s orders at the levels set at the decision, never through a second check at the close', () => {
    const { result, risk } = run('intrabar');
    expect(result.orders.some((o) => o.tag.startsWith('risk:'))).toBe(false);
    const stops = result.orders.filter((o) => o.reason === 'stop-loss' && o.status === 'filled');
    expect(stops.length).toBeGreaterThan(0);
    for (const stop of stops) {
      const trade = result.trades.find((t) => t.exitBar === stop.eventBar && t.exitReason === 'stop-loss')!;
      const entry = result.orders.find((o) => o.status === 'filled' && o.side === 'buy' && o.eventBar === trade.entryBar)!;
      const level = entry.price * (1 - risk.get(entry.signalBar)!.stopLoss);
      expect(stop.tag).toBe(`stop-loss at ${level}`);
    }
  });
});
