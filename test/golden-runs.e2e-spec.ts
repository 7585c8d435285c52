import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { STRATEGY_KINDS } from '../src/core/strategies/registry';
import { resultHash } from '../src/modules/artifacts/result-hash';
import { loadPriceFile } from '../src/modules/data/price-file.source';

/**
 * Golden runs: every baseline on the bundled AAPL sample must reproduce the committed result
 * exactly (same result hash, same headline numbers). A deliberate change of results is
 * recorded with `UPDATE_GOLDEN=1 npx jest test/golden-runs`, and shows up in review as a
 * diff of test/golden/baselines-aapl.json.
 */
const GOLDEN_FILE = join(__dirname, 'golden', 'baselines-aapl.json');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface GoldenEntry {
  resultHash: string;
  finalEquity: number;
  trades: number;
  orders: number;
}

describe('golden runs on the AAPL sample', () => {
  const dataset = loadPriceFile(require.resolve('@observablehq/sample-datasets/aapl.csv'), { symbol: 'AAPL' });
  const actual: Record<string, GoldenEntry> = {};
  for (const kind of Object.keys(STRATEGY_KINDS)) {
    const spec = RunSpec.parse({ strategy: { name: kind, kind }, symbol: 'AAPL', from: '2014-01-02', to: '2018-05-11' });
    const { result, metrics } = executeBacktest(resolveRun(spec), dataset.series);
    actual[kind] = {
      resultHash: resultHash(result, metrics),
      finalEquity: result.equity[result.equity.length - 1],
      trades: result.trades.length,
      orders: result.orders.length,
    };
  }

  if (UPDATE) {
    writeFileSync(GOLDEN_FILE, `${JSON.stringify(actual, null, 2)}\n`);
    // eslint-disable-next-line no-console
    console.warn(`golden runs rewritten: ${GOLDEN_FILE}`);
  }

  it('has a committed golden file for every strategy', () => {
    expect(existsSync(GOLDEN_FILE)).toBe(true);
    const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, GoldenEntry>;
    expect(Object.keys(golden).sort()).toEqual(Object.keys(STRATEGY_KINDS).sort());
  });

  it.each(Object.keys(STRATEGY_KINDS))('%s reproduces its golden result exactly', (kind) => {
    const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, GoldenEntry>;
    expect(actual[kind]).toEqual(golden[kind]);
  });
});
