import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { resultHashV1 } from '../src/modules/artifacts/result-hash';
import { DatasetStore } from '../src/modules/data/dataset.store';
import { createDataSource } from '../src/modules/persistence/data-source.factory';
import { jsonOf, runCli } from './support/cli-runner';

/** The CLI end to end, through its real entry, on a temp directory and a temp SQLite file. */
describe('tradinggroup CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-cli-'));
  const env = {
    TRADINGGROUP_DB: join(dir, 'db', 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
  };
  const cli = (...args: string[]) => runCli(args, dir, env);
  let runId = '';

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets up the sample data once and lists it', () => {
    const first = cli('data', 'setup');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/AAPL 2013-05-13\.\.2018-05-11/);
    expect(cli('data', 'setup').stdout).toMatch(/nothing changed/);
    const list = jsonOf<Array<{ symbol: string; rows: number }>>(cli('data', 'list', '--json'));
    expect(list.map((d) => d.symbol).sort()).toEqual(['AAPL', 'SPX']);
  });

  it('runs a backtest, stores it in the database and writes its artifacts', () => {
    const out = cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', '--from', '2014-01-02', '--to', '2018-05-01', '--json');
    expect(out.status).toBe(0);
    const run = jsonOf(out);
    runId = run.id;
    expect(run.status).toBe('done');
    expect(run.metrics.default.bars).toBeGreaterThan(1_000);
    expect(run.manifest.window.firstDate).toBe('2014-01-02');
    expect(run.manifest.resolved.params).toEqual({ fast: 10, slow: 20, tradeSize: 0.95 });
    expect(readdirSync(join(dir, 'backtests', runId)).sort()).toEqual(['equity.csv', 'manifest.json', 'metrics.json', 'orders.csv', 'report.html', 'trades.csv']);
    const equityLines = readFileSync(join(dir, 'backtests', runId, 'equity.csv'), 'utf8').trim().split('\n');
    expect(equityLines.length).toBe(run.metrics.default.bars + 1);
    expect(existsSync(env.TRADINGGROUP_DB)).toBe(true);
  });

  it('lists and shows stored runs', () => {
    const list = jsonOf<Array<{ id: string; status: string }>>(cli('runs', 'list', '--json'));
    expect(list.find((r) => r.id === runId)?.status).toBe('done');
    const table = cli('runs', 'list');
    expect(table.stdout).toMatch(new RegExp(`${runId}\\s+done\\s+sma-cross\\s+AAPL`));
    const show = cli('runs', 'show', runId);
    expect(show.status).toBe(0);
    expect(show.stdout).toMatch(/Sharpe/);
    expect(show.stdout).toMatch(/Trades \(\d+ of \d+/);
  });

  it('replays a run to the identical result hash', () => {
    const out = cli('replay', runId);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/identical/);
  });

  it('replays a run stored with a result hash of the earlier format (v1) to it, and tells a wrong one', async () => {
    // The hash the run would have been stored with before v2: its result recomputed as the run's pipeline does.
    const manifest = JSON.parse(readFileSync(join(dir, 'backtests', runId, 'manifest.json'), 'utf8')) as { spec: unknown };
    const resolved = resolveRun(RunSpec.parse(manifest.spec));
    const dataset = new DatasetStore(env.TRADINGGROUP_DATA_DIR).loadSymbol('AAPL', { adjust: resolved.adjust });
    const { result, metrics } = executeBacktest(resolved, dataset.series);
    const v1 = resultHashV1(result, metrics);
    const stored = jsonOf<{ resultHash: string }>(cli('runs', 'show', runId, '--json')).resultHash;
    expect(v1).not.toBe(stored);
    const setHash = async (hash: string) => {
      const db = await createDataSource(env.TRADINGGROUP_DB);
      try {
        await db.query('UPDATE "runs" SET "result_hash" = ? WHERE "id" = ?', [hash, runId]);
      } finally {
        await db.destroy();
      }
    };
    try {
      await setHash(v1);
      const same = cli('replay', runId);
      expect(same.status).toBe(0);
      expect(same.stdout).toBe(`replay of ${runId}: identical (result hash ${v1})\n`);
      await setHash('0'.repeat(64));
      const other = cli('replay', runId);
      expect(other.status).toBe(1);
      expect(other.stdout).toMatch(/DIFFERENT result/);
    } finally {
      await setHash(stored);
    }
  });

  it('compares strategies across symbols in one table', () => {
    const out = cli('compare', '--strategies', 'buy-and-hold,sma-cross', '--symbols', 'AAPL,SPX', '--from', '2015-01-02', '--to', '2017-12-29', '--json');
    expect(out.status).toBe(0);
    const rows = jsonOf<Array<{ strategy: string; symbol: string; status: string }>>(out);
    expect(rows.map((r) => `${r.strategy}/${r.symbol}/${r.status}`)).toEqual([
      'buy-and-hold/AAPL/done',
      'sma-cross/AAPL/done',
      'buy-and-hold/SPX/done',
      'sma-cross/SPX/done',
    ]);
    const table = cli('compare', '--strategies', 'buy-and-hold', '--symbols', 'SPX', '--from', '2015-01-02', '--to', '2017-12-29');
    expect(table.stdout.split('\n')[0]).toMatch(/Strategy\s+Symbol\s+Window\s+CR\s+ARR\s+Sharpe/);
  });

  it('stores each compared run as the same run a single backtest makes, to the bit, on worker threads or not', () => {
    const window = ['--from', '2014-01-02', '--to', '2016-12-30'];
    const compared = (workers: string) =>
      jsonOf<Array<{ id: string; strategy: string; symbol: string; status: string }>>(
        cli('compare', '--strategies', 'sma-cross,bollinger', '--symbols', 'AAPL,SPX', ...window, '--workers', workers, '--json'),
      );
    const onThreads = compared('2');
    const here = compared('0');
    expect(onThreads.map((r) => `${r.strategy}/${r.symbol}/${r.status}`)).toEqual(['sma-cross/AAPL/done', 'bollinger/AAPL/done', 'sma-cross/SPX/done', 'bollinger/SPX/done']);
    const single = jsonOf(cli('backtest', '--strategy', 'bollinger', '--symbol', 'SPX', ...window, '--json'));
    const stored = (id: string) => jsonOf(cli('runs', 'show', id, '--json'));
    for (const run of [onThreads[3], here[3]]) {
      const record = stored(run.id);
      expect(record.resultHash).toBe(single.resultHash);
      expect(JSON.stringify(record.metrics)).toBe(JSON.stringify(single.metrics));
      for (const name of ['equity.csv', 'trades.csv', 'orders.csv', 'metrics.json']) {
        expect(readFileSync(join(dir, 'backtests', run.id, name), 'utf8')).toBe(readFileSync(join(single.artifactsDir, name), 'utf8'));
      }
      const manifest = JSON.parse(readFileSync(join(dir, 'backtests', run.id, 'manifest.json'), 'utf8'));
      expect({ ...manifest, runId: single.id, createdAt: single.manifest.createdAt }).toEqual(single.manifest);
      expect(cli('replay', run.id).stdout).toMatch(/identical/);
    }
  });

  it('applies --param overrides and records them in the manifest', () => {
    const run = jsonOf(cli('backtest', '-s', 'sma-cross', '--symbol', 'SPX', '--from', '2010-01-04', '--to', '2012-12-31', '--param', 'fast=5', '--json'));
    expect(run.manifest.resolved.params.fast).toBe(5);
  });

  it('answers bad input with one clear line and a non-zero exit', () => {
    const unknown = cli('backtest', '--strategy', 'no-such', '--symbol', 'AAPL');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^error: unknown strategy "no-such" \(known: .*sma-cross/);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const badDate = cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', '--from', '2014-13-01', '--to', '2015-01-01');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toMatch(/--from: expected a date/);
    const badParam = cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', '--param', 'fast=50');
    expect(badParam.stderr).toMatch(/params\.fast: fast must be shorter than slow/);
    const badCash = cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', '--cash', 'lots');
    expect(badCash.stderr).toMatch(/--cash: expected a number/);
  });

  it('stores a run that fails on bad data as failed, with the reason and no artifacts', () => {
    const bad = join(dir, 'BAD.csv');
    writeFileSync(bad, 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,11,9,10,10,100\n2020-01-03,10,9,11,10,10,100\n2020-01-06,10,11,9,,10,100\n');
    const out = cli('backtest', '--strategy', 'buy-and-hold', '--data', bad, '--symbol', 'BAD', '--from', '2020-01-02', '--to', '2020-01-06');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/BAD\.csv:3: /);
    expect(out.stderr).toMatch(/BAD\.csv:4: /);
    const failed = jsonOf<Array<{ id: string; error: string }>>(cli('runs', 'list', '--status', 'failed', '--json'));
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toMatch(/BAD\.csv:3/);
    expect(existsSync(join(dir, 'backtests', failed[0].id))).toBe(false);
    expect(readdirSync(join(dir, 'backtests')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses to import a file with bad rows, listing every one, and writes nothing', () => {
    const before = readFileSync(join(dir, 'data', 'datasets.json'), 'utf8');
    const bad = join(dir, 'XYZ.csv');
    writeFileSync(bad, 'date,open,high,low,close,volume\n2020-01-02,10,11,9,10,100\n2020-01-02,10,11,9,10,100\n2020-01-03,-1,11,9,10,100\n');
    const out = cli('data', 'import', bad);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/XYZ\.csv:3: .*duplicate/i);
    expect(out.stderr).toMatch(/XYZ\.csv:4: /);
    expect(readFileSync(join(dir, 'data', 'datasets.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'data', 'prices', 'XYZ.csv'))).toBe(false);
  });

  it('refuses to replay a run whose data changed since', () => {
    const changed = join(dir, 'aapl-revised.csv');
    const sample = readFileSync(require.resolve('@observablehq/sample-datasets/aapl.csv'), 'utf8');
    writeFileSync(changed, sample.replace(/\n(2016-03-01,[^,]+,[^,]+,[^,]+,)([0-9.]+)/, (_m, head, close) => `\n${head}${Number(close) + 0.01}`));
    expect(cli('data', 'import', changed, '--symbol', 'AAPL', '--replace').status).toBe(0);
    const out = cli('replay', runId);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/data changed since run .*dataset AAPL had sha256 [0-9a-f]{64}, now [0-9a-f]{64}/);
  });
});
