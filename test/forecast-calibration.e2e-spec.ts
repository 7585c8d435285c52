import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { loadPriceFile } from '../src/modules/data/price-file.source';
import { describeWithSharedData, sharedDataPath } from './support/shared-data';

/**
 * The forecaster on real prices, out of sample: on every symbol and window its Brier score is
 * no worse than that of the class frequencies known at each decision (the forecast without
 * skill). Its old model scored 0.94–0.99 here, against 0.667 for a uniform guess.
 */
const WINDOWS: Array<[string, string]> = [
  ['2014-01-02', '2014-12-31'],
  ['2015-01-02', '2015-12-31'],
  ['2016-01-04', '2016-12-30'],
  ['2017-01-03', '2017-08-31'],
  ['2014-01-02', '2017-08-31'],
];

describeWithSharedData('forecaster calibration on AAPL, AMZN and MSFT (StockNet prices)', () => {
  describe.each(['AAPL', 'AMZN', 'MSFT'])('%s', (symbol) => {
    const dataset = loadPriceFile(sharedDataPath('news', 'stocknet_2014-2015', 'price_raw', `${symbol}.csv`), { symbol });

    it.each(WINDOWS)('scores no worse than the class frequencies over %s..%s', (from, to) => {
      const spec = RunSpec.parse({ strategy: { name: 'tradinggroup', kind: 'tradinggroup' }, symbol, from, to });
      const q = executeBacktest(resolveRun(spec), dataset.series).metrics.forecast!;
      expect(q.forecasts).toBeGreaterThan(150);
      expect(q.brier!).toBeLessThanOrEqual(q.baseBrier! + 1e-12);
      expect(q.brier!).toBeLessThan(0.7);
      // No more confident than its skill allows: the top probability stays near the base rates'.
      expect(q.meanTopProbability!).toBeLessThan(0.45);
      expect(q.reliability.reduce((n, b) => n + b.n, 0)).toBe(3 * q.forecasts);
    });
  });
});
