import { readFileSync } from 'node:fs';
import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { isoDay } from '../src/core/market/dates';
import { loadPriceFile } from '../src/modules/data/price-file.source';
import { describeWithSharedData, sharedDataPath } from './support/shared-data';

/**
 * The finsaber profile against the FINSABER harness's own outputs for TSLA
 * (../shared/data/finsaber/reference): every bar's broker value, every order, and the
 * published table cells, for all six rule baselines.
 */
const STRATEGIES: Record<string, string> = {
  'Buy and Hold': 'buy-and-hold',
  'SMA Cross': 'sma-cross',
  'WMA Cross': 'wma-cross',
  'ATR Band': 'atr-band',
  'Bollinger Bands': 'bollinger',
  'Turn of The Month': 'turn-of-month',
};

function csvRows(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(sharedDataPath('finsaber', 'reference', file), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describeWithSharedData('finsaber profile reproduces the FINSABER TSLA reference', () => {
  const dataset = loadPriceFile(sharedDataPath('finsaber', 'TSLA.csv'), { adjust: 'total' });
  const values = csvRows('engine_broker_value_per_bar.csv');
  const orders = csvRows('engine_orders.csv');
  const cells = csvRows('table1_rule_baselines_paper_vs_reproduced.csv');
  const bars = csvRows('engine_bars_2022-10-06_2023-04-10.csv');

  function run(kind: string) {
    const spec = RunSpec.parse({
      strategy: { name: kind, kind },
      symbol: 'TSLA',
      from: '2022-10-06',
      to: '2023-04-10',
      profile: 'finsaber',
    });
    return executeBacktest(resolveRun(spec), dataset.series);
  }

  it('sees the same 183 calendar bars as the harness, fillers included', () => {
    const { result } = run('buy-and-hold');
    expect(result.time.length).toBe(bars.length);
    bars.forEach((b, i) => {
      expect(isoDay(result.time[i])).toBe(b.date);
      expect(result.tradingDay[i]).toBe(Number(b.is_trading_day));
      expect(result.close[i]).toBeCloseTo(Number(b.close), 9);
    });
  });

  describe.each(Object.entries(STRATEGIES))('%s', (label, kind) => {
    const { result, metrics } = run(kind);

    it('matches the broker value at every bar to 1e-8', () => {
      const expected = values.filter((v) => v.strategy === label);
      expect(expected.length).toBe(183);
      const worst = Math.max(...expected.map((v, i) => Math.abs(Number(v.broker_value) - result.equity[i])));
      expect(worst).toBeLessThan(1e-8);
      expect(result.activeFrom).toBe(expected.findIndex((v) => v.in_av_series === '1'));
    });

    it('places, fills and rejects exactly the orders the harness did', () => {
      const expected = orders.filter((o) => o.strategy === label);
      const actual = result.orders.filter((o) => o.status !== 'cancelled');
      expect(actual.map((o) => [isoDay(o.signalTime), isoDay(o.eventTime), o.side, o.requestedQty, o.status, o.filledQty])).toEqual(
        expected.map((o) => [o.signal_bar, o.event_bar, o.side, Number(o.requested_size), o.status === 'Completed' ? 'filled' : 'rejected', Number(o.exec_size)]),
      );
      expected.forEach((o, i) => {
        if (o.status !== 'Completed') return;
        expect(actual[i].price).toBeCloseTo(Number(o.exec_price), 6);
        expect(actual[i].commission).toBeCloseTo(Number(o.commission), 4);
      });
    });

    it('reproduces the published SPR, CR, MDD and AV to 3 decimals', () => {
      const f = metrics.finsaber!;
      const got: Record<string, number> = { SPR: f.spr, CR: f.cr, MDD: f.mdd, AV: f.av };
      for (const cell of cells.filter((c) => c.strategy === label)) {
        expect(got[cell.metric].toFixed(3)).toBe(Number(cell.paper_rendered).toFixed(3));
      }
    });
  });
});
