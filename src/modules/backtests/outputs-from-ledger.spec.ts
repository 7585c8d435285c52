import { resultHash } from '../artifacts/result-hash';
import { renderArtifactFiles } from '../artifacts/artifact-files';
import { wholeContent } from '../artifacts/artifact-content';
import type { RunRecord } from '../persistence/run-record';
import { renderRunReport, reportDataFromResult } from '../report';
import { computeMetrics } from '../../core/metrics';
import { randomWalkSeries } from '../../core/testing/random-walk';
import type { BacktestResult } from '../../core/engine/backtest-result';
import { executeBacktest, resolveRun } from '../../core/engine/execute-backtest';
import { orderColumnsOf, ordersOf, tradeColumnsOf, tradesOf } from '../../core/engine/record-list';
import { RunSpec } from '../../core/engine/run-spec';

const RUN: RunRecord = {
  id: 'sma-cross-RW-20260101-000000-ab12', kind: 'backtest', status: 'done', strategy: 'sma-cross', symbol: 'RW',
  profile: 'default', mode: 'analytic', fromDate: '2005-06-01', toDate: '2015-12-31', config: { riskFreeRate: 0.02, engine: {} },
  manifest: null, metrics: null, timings: {}, resultHash: null, error: null, progress: 1,
  createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null, artifactsDir: null, owner: null, heartbeatAt: null, queueSeq: null, request: null,
};

/** A finished run's outputs: metrics, result hash, artifact files and report, as text. */
function outputsOf(result: BacktestResult): Record<string, string> {
  const metrics = computeMetrics(result, { riskFreeRate: 0.02 });
  const hash = resultHash(result, { default: metrics });
  const files = renderArtifactFiles({ manifest: {}, metrics: { default: metrics, resultHash: hash }, result });
  const text = Object.fromEntries(Object.entries(files).map(([name, content]) => [name, Buffer.from(wholeContent(content)).toString('utf8')]));
  return { ...text, hash, metrics: JSON.stringify(metrics), report: renderRunReport(reportDataFromResult(RUN, result, { default: metrics })) };
}

describe("a finished run's orders and trades", () => {
  const series = randomWalkSeries(6_000, 5, 'RW', '2005-01-03');
  const run = resolveRun(RunSpec.parse({ strategy: { name: 's', kind: 'sma-cross', params: { fast: 3, slow: 9 } }, symbol: 'RW', from: '2005-06-01', to: '2025-12-31' }));
  const { result } = executeBacktest(run, series);

  it('are read from the columns the engine handed over', () => {
    expect(orderColumnsOf(ordersOf(result))?.count).toBeGreaterThan(500);
    expect(tradeColumnsOf(tradesOf(result))?.count).toBeGreaterThan(250);
    expect(ordersOf(result).at(-1)).toBeUndefined();
    expect(ordersOf(result)).toBe(ordersOf(result));
  });

  it('give the outputs their records give, byte for byte, without their records being made', () => {
    // Reading `orders` or `trades` (which makes the records) throws: the outputs read the columns.
    const strict = Object.create(result, {
      orders: { get: () => { throw new Error('the orders were made into records'); } },
      trades: { get: () => { throw new Error('the trades were made into records'); } },
    }) as BacktestResult;
    const fromColumns = outputsOf(strict);
    // A copy (spread) has the records and not the columns.
    const copy: BacktestResult = { ...result };
    expect(copy.ledgerColumns).toBeUndefined();
    expect([orderColumnsOf(ordersOf(copy)), tradeColumnsOf(tradesOf(copy))]).toEqual([null, null]);
    const fromRecords = outputsOf(copy);
    expect(Object.keys(fromColumns).sort()).toEqual(['equity.csv', 'hash', 'manifest.json', 'metrics', 'metrics.json', 'orders.csv', 'report', 'trades.csv']);
    for (const name of Object.keys(fromRecords)) expect([name, fromColumns[name] === fromRecords[name]]).toEqual([name, true]);
    expect(fromRecords['trades.csv'].split('\n').length).toBe(result.trades.length + 2);
  });

  it('are the columns no more once records are given in their place', () => {
    const { result: other } = executeBacktest(run, series);
    const first = other.trades.slice(0, 3);
    other.trades = first;
    expect(tradesOf(other)).toBe(first);
    expect(other.ledgerColumns?.()).toBeUndefined();
    expect(ordersOf(other).length).toBe(result.orders.length);
  });
});
