import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonOf, runCli } from './support/cli-runner';
import { writeNewsTape } from './support/news-tape';

/** `ablate` through the real CLI: the paper's four configurations against the all-off base. */
describe('tradinggroup ablate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-ablate-'));
  const env = { TRADINGGROUP_DB: join(dir, 'runs.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') };
  const cli = (...args: string[]) => runCli(args, dir, env);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs none, risk+position, reflection+position and all, with each change against the base', () => {
    expect(cli('data', 'setup').status).toBe(0);
    // News to trade on: on prices alone the forecaster measures no skill and nothing would differ.
    const news = writeNewsTape(dir, 'AAPL', 'Apple', '2015-10-01', '2017-06-30');
    const out = cli('ablate', '--symbol', 'AAPL', '--from', '2016-01-04', '--to', '2017-06-30', '--news', news, '--json');
    expect(out.status).toBe(0);
    const rows = jsonOf<Array<{ label: string; id: string; metrics: { totalReturn: number; tradeCount: number }; delta: Record<string, number> }>>(out);
    expect(rows.map((r) => r.label)).toEqual(['none', 'risk+position', 'reflection+position', 'all']);
    expect(Object.values(rows[0].delta).every((d) => d === 0)).toBe(true);
    for (const r of rows.slice(1)) expect(r.delta.CR).toBeCloseTo(r.metrics.totalReturn - rows[0].metrics.totalReturn, 12);
    // The switches change what the strategy does: the four runs are not all the same.
    expect(new Set(rows.map((r) => r.metrics.totalReturn.toFixed(10))).size).toBeGreaterThan(1);
    const stored = jsonOf<Array<{ strategy: string }>>(cli('runs', 'list', '--json'));
    expect(stored.map((r) => r.strategy).sort()).toEqual(['tradinggroup-all', 'tradinggroup-none', 'tradinggroup-reflection-position', 'tradinggroup-risk-position']);
    const table = cli('ablate', '--symbol', 'AAPL', '--from', '2016-01-04', '--to', '2017-06-30', '--news', news);
    expect(table.stdout.split('\n')[0]).toMatch(/Modules\s+CR\s+ΔCR\s+Sharpe\s+ΔSharpe\s+MDD\s+ΔMDD/);
    expect(table.stdout).toMatch(/^ none\s+/m);
  });

  it('refuses a strategy without module switches', () => {
    const out = cli('ablate', '--strategy', 'sma-cross', '--symbol', 'AAPL');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/sma-cross has no module switches/);
  });
});
