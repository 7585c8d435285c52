import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, jsonOf } from './support/cli-runner';

/** `sweep` and `evaluate` end to end through the real CLI, on the bundled sample data and a temp SQLite file. */
describe('studies on the command line', () => {
  const box = cliSandbox('tg-studies-');
  const cli = box.cli;
  const window = ['--from', '2014-01-02', '--to', '2018-05-01'];
  let sweep: any;

  beforeAll(() => {
    expect(cli('data', 'setup').status).toBe(0);
  });

  afterAll(() => box.remove());

  it('sweeps a grid over two symbols on worker threads and ranks every run by Sharpe', () => {
    const out = cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=5..20:5,slow=20..40:10', '--symbols', 'AAPL,SPX', ...window, '--workers', '2', '--keep-best', '2', '--json');
    expect(out.stderr).toMatch(/1 grid point was left out: strategy.params.fast: fast must be shorter than slow/);
    expect(out.status).toBe(0);
    sweep = jsonOf(out);
    expect(sweep.status).toBe('done');
    expect(sweep.progress).toBe(100);
    // 4 × 3 points, less fast=20 slow=20, on two symbols.
    expect(sweep.results).toHaveLength(22);
    const sharpes = sweep.results.map((r: any) => r.metrics.default.sharpe);
    expect(sharpes).toEqual([...sharpes].sort((a: number, b: number) => b - a));
    expect(sweep.results.filter((r: any) => r.runId !== null)).toHaveLength(2);
    expect(sweep.results[0].runId).not.toBeNull();
    for (const r of sweep.results) expect(r.deflatedSharpe === null || (r.deflatedSharpe >= 0 && r.deflatedSharpe <= 1)).toBe(true);
    expect(sweep.summary.heatmap.x).toEqual({ name: 'fast', values: [5, 10, 15, 20] });
    expect(sweep.summary.symbols.map((s: any) => s.trials)).toEqual([11, 11]);
  });

  it("gives every run the metrics of a single backtest with the same --params, to the last bit", () => {
    for (const pick of [sweep.results[0], sweep.results[7], sweep.results[21]]) {
      const single = cli('backtest', '--strategy', 'sma-cross', '--symbol', pick.symbol, ...window, '--param', `fast=${pick.params.fast}`, '--param', `slow=${pick.params.slow}`, '--json');
      expect(single.status).toBe(0);
      expect(JSON.stringify(jsonOf(single).metrics)).toBe(JSON.stringify(pick.metrics));
    }
  });

  it('runs with the engine flags of backtest (cash rate, borrow fee, shorting, commission) and measures what backtest measures', () => {
    const engine = ['--cash', '50000', '--cash-rate', '0.01', '--borrow-fee', '0.02', '--allow-short', '--commission', 'percent:0.001', '--slippage-bps', '3', '--fill-at', 'close', '--risk-free', '0.02'];
    const out = cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=5|10,slow=30', '--symbols', 'AAPL', ...window, ...engine, '--workers', '1', '--keep-best', '0', '--json');
    expect(out.status).toBe(0);
    const withEngine = jsonOf(out);
    expect(withEngine.request.engine).toEqual({ initialCash: 50000, commission: { kind: 'percent', rate: 0.001 }, slippageBps: 3, fillAt: 'close', allowShort: true, cashRate: 0.01, borrowFeeRate: 0.02 });
    for (const pick of withEngine.results) {
      const single = cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', ...window, ...engine, '--param', `fast=${pick.params.fast}`, '--param', 'slow=30', '--json');
      expect(single.status).toBe(0);
      expect(JSON.stringify(jsonOf(single).metrics)).toBe(JSON.stringify(pick.metrics));
      // The flags change the run: the same point without them measures otherwise.
      const plain = sweep.results.find((r: any) => r.symbol === 'AAPL' && r.params.fast === pick.params.fast && r.params.slow === 30);
      expect(plain.metrics.default.totalReturn).not.toBe(pick.metrics.default.totalReturn);
    }
    const evaluation = jsonOf(cli('evaluate', '--strategies', 'sma-cross', '--symbols', 'AAPL', '--from', '2014-01-02', '--to', '2016-01-04', '--window', '2y', ...engine, '--workers', '0', '--resamples', '100', '--json'));
    const run = evaluation.results.find((r: any) => r.strategy === 'sma-cross');
    const single = cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', '--from', run.from, '--to', run.to, ...engine, '--json');
    expect(JSON.stringify(jsonOf(single).metrics)).toBe(JSON.stringify(run.metrics));
    expect(cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=5', '--symbols', 'AAPL', '--borrow-fee', '2').stderr.trim()).toBe('error: --borrow-fee: expected an annual rate between 0 and 1 (0.02 is 2%), got "2"');
  });

  it('measures the same on the main thread as on two worker threads', () => {
    const inProcess = jsonOf(cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=5..20:5,slow=20..40:10', '--symbols', 'AAPL,SPX', ...window, '--workers', '0', '--keep-best', '0', '--json'));
    const byIndex = (s: any) => JSON.stringify([...s.results].sort((a: any, b: any) => a.index - b.index).map((r: any) => [r.symbol, r.params, r.metrics, r.deflatedSharpe]));
    expect(byIndex(inProcess)).toBe(byIndex(sweep));
  });

  it('shows a stored sweep ranked by another metric, and writes a report with the heatmap', () => {
    const shown = jsonOf(cli('sweep', 'show', sweep.id, '--sort', 'totalReturn', '--json'));
    const returns = shown.results.map((r: any) => r.metrics.default.totalReturn);
    expect(returns).toEqual([...returns].sort((a: number, b: number) => b - a));
    const table = cli('sweep', 'show', sweep.id, '--sort', 'maxDrawdown', '--top', '3');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/ranked by maxDrawdown \(higher first\), first 3 of 22/);
    expect(table.stdout).toMatch(/slow \\ fast/);
    const report = readFileSync(join(box.dir, 'backtests', sweep.id, 'report.html'), 'utf8');
    expect(report).toMatch(/Heatmap: mean sharpe over the symbols/);
    expect(report).toMatch(/deflated Sharpe ratio/);
    expect(cli('sweep', 'list').stdout).toContain(sweep.id);
  });

  it('stores a run of a sweep in full on request, with the metrics the sweep measured', () => {
    const unkept = sweep.results.find((r: any) => r.runId === null);
    const kept = cli('sweep', 'keep', sweep.id, String(unkept.index), '--json');
    expect(kept.status).toBe(0);
    const [{ index, runId }] = jsonOf(kept);
    expect(index).toBe(unkept.index);
    expect(JSON.stringify(jsonOf(cli('runs', 'show', runId, '--json')).metrics)).toBe(JSON.stringify(unkept.metrics));
    expect(cli('sweep', 'keep', sweep.id).status).toBe(2);
    expect(cli('sweep', 'keep', sweep.id, '9999').stderr.trim()).toBe(`error: study ${sweep.id} has no result 9999`);
  });

  it('walks forward: parameters chosen on two years, tested on the next', () => {
    const out = jsonOf(cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=5|10,slow=30|40', '--symbols', 'AAPL', '--from', '2013-08-01', '--to', '2018-05-01', '--walk-forward', '2y:1y', '--keep-best', '0', '--json'));
    const wf = out.summary.walkForward;
    expect(wf.rows.map((r: any) => [r.train.from, r.test.from])).toEqual([
      ['2013-08-01', '2015-08-01'],
      ['2014-08-01', '2016-08-01'],
    ]);
    for (const row of wf.rows) {
      const trained = out.results.filter((r: any) => r.phase === 'train' && r.fold === row.fold);
      const best = Math.max(...trained.map((r: any) => r.metrics.default.sharpe));
      expect(row.train.value).toBe(best);
      expect(out.results.find((r: any) => r.index === row.test.index).params).toEqual(row.params);
    }
  });

  it('refuses bad input in one line with exit code 2 or 1, naming the flag', () => {
    const usage = cli('sweep', '--grid', 'fast=5..20:5', '--symbols', 'AAPL');
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim()).toBe('error: sweep: --strategy is required');
    const grid = cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=20..5', '--symbols', 'AAPL');
    expect(grid.stderr.trim().split('\n')).toHaveLength(1);
    expect(grid.stderr).toMatch(/grid: "fast": the range ends \(5\) before it starts \(20\)/);
    expect(cli('sweep', '--strategy', 'sma-cross', '--grid', 'fast=5', '--symbols', 'NOPE').stderr).toMatch(/symbols: no dataset NOPE/);
    expect(cli('sweep', 'show', 'sweep-none').stderr.trim()).toBe('error: no sweep with id sweep-none');
    expect(cli('sweep', 'show', sweep.id, '--sort', 'nope').status).toBe(2);
  });

  it('evaluates strategies over rolling windows against buy-and-hold, reproducibly', () => {
    writeFileSync(join(box.dir, 'symbols.txt'), 'AAPL\n# the index\nSPX\n');
    const args = ['evaluate', '--strategies', 'sma-cross,bollinger', '--symbols', '@file:symbols.txt', '--from', '2013-06-03', '--to', '2018-05-11', '--window', '2y', '--step', '1y', '--resamples', '2000', '--json'];
    const first = cli(...args);
    expect(first.status).toBe(0);
    const evaluation = jsonOf(first);
    expect(evaluation.summary.windows).toHaveLength(3);
    // 3 strategies (buy-and-hold added as the benchmark) × 2 symbols × 3 windows.
    expect(evaluation.results).toHaveLength(18);
    const sma = evaluation.summary.strategies.find((s: any) => s.strategy === 'sma-cross');
    expect(sma.runs).toBe(6);
    expect(sma.distribution.q1).toBeLessThanOrEqual(sma.distribution.median);
    expect(sma.distribution.median).toBeLessThanOrEqual(sma.distribution.q3);
    expect(sma.meanInterval.low).toBeLessThanOrEqual(sma.distribution.mean);
    expect(sma.meanInterval.high).toBeGreaterThanOrEqual(sma.distribution.mean);
    const beats = evaluation.results.filter((r: any) => r.strategy === 'sma-cross').filter((r: any) => {
      const bh = evaluation.results.find((b: any) => b.strategy === 'buy-and-hold' && b.symbol === r.symbol && b.from === r.from);
      return r.metrics.default.sharpe > bh.metrics.default.sharpe;
    }).length;
    expect(sma.versusBenchmark.shareBeating).toBe(beats / 6);
    const again = jsonOf(cli(...args));
    expect(again.summary.strategies).toEqual(evaluation.summary.strategies);
    const shown = cli('evaluate', 'show', evaluation.id);
    expect(shown.stdout).toMatch(/sharpe per strategy over symbols × windows/);
    expect(existsSync(join(box.dir, 'backtests', evaluation.id, 'report.html'))).toBe(true);
  });

  it("says what an evaluation's runs lacked, as a single backtest of each says it", () => {
    // The sample data has no news and no fundamentals: TradingGroup's agents report no_data
    // throughout. Its first window starts with the data: the agents warm up in it.
    const args = ['evaluate', '--strategies', 'tradinggroup', '--symbols', 'AAPL', '--from', '2013-05-13', '--to', '2016-05-13', '--window', '2y', '--step', '1y'];
    const out = cli(...args, '--json');
    expect(out.status).toBe(0);
    const evaluation = jsonOf(out);
    const noNews = 'no news for AAPL: the news agent reports no_data on every bar';
    const tradinggroup = evaluation.results.filter((r: any) => r.strategy === 'tradinggroup');
    expect(tradinggroup).toHaveLength(2);
    for (const r of tradinggroup) {
      const single = jsonOf(cli('backtest', '--strategy', 'tradinggroup', '--symbol', 'AAPL', '--from', r.from, '--to', r.to, '--json'));
      expect(r.notes).toEqual(single.manifest.notes);
      expect(r.notes).toContain(noNews);
    }
    for (const r of evaluation.results.filter((r: any) => r.strategy === 'buy-and-hold')) expect(r.notes).toEqual([]);
    expect(evaluation.notes).toContainEqual({ text: noNews, runs: 2, strategies: ['tradinggroup'], symbols: ['AAPL'] });
    expect(evaluation.notes.map((n: any) => n.text)).toContainEqual(expect.stringMatching(/^forecast: warmup on \d+ bars$/));
    const shown = cli('evaluate', 'show', evaluation.id);
    expect(shown.stdout).toContain(`note: ${noNews} (2 runs of tradinggroup)`);
    expect(readFileSync(join(box.dir, 'backtests', evaluation.id, 'report.html'), 'utf8')).toContain(noNews);
  });
});
