import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonOf, runCli } from './support/cli-runner';

/** Cash earning a rate and shorts paying a fee, through the real CLI: the default, `--cash-rate`, `--borrow-fee`, the finsaber profile's zero and bad values. */
describe('cash interest through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-cash-'));
  const env = { TRADINGGROUP_DB: join(dir, 'runs.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') };
  const cli = (...args: string[]) => runCli(args, dir, env);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // turn-of-month is in cash most of the time: its result moves with the cash rate.
  const backtest = (...extra: string[]) => jsonOf(cli('backtest', '--strategy', 'turn-of-month', '--symbol', 'AAPL', '--from', '2015-01-02', '--to', '2015-12-31', '--json', ...extra));

  it('credits the risk-free rate by default, the rate given with --cash-rate, and shows it', () => {
    expect(cli('data', 'setup').status).toBe(0);
    const byDefault = backtest();
    expect(byDefault.metrics.accounting).toMatchObject({ cashRate: 0.03 });
    expect(byDefault.metrics.accounting.cashInterest).toBeGreaterThan(1_000);
    const none = backtest('--cash-rate', '0');
    expect(none.metrics.accounting).toMatchObject({ cashRate: 0, cashInterest: 0 });
    expect(byDefault.metrics.default.finalEquity - none.metrics.default.finalEquity).toBeGreaterThan(1_000);
    const higher = backtest('--risk-free', '0.05');
    expect(higher.metrics.accounting.cashRate).toBe(0.05);
    expect(higher.manifest.resolved.engine.cashRate).toBe(0.05);
    const equity = readFileSync(join(dir, 'backtests', byDefault.id, 'equity.csv'), 'utf8').trim().split('\n');
    expect(equity[0]).toBe('date,equity,cash,position,close,interest');
    expect(Number(equity[equity.length - 1].split(',')[5])).toBeCloseTo(byDefault.metrics.accounting.cashInterest, 6);
    expect(cli('runs', 'show', byDefault.id).stdout).toMatch(/Cash interest\s+[\d,.]+ \(3\.00% a year\)/);
  });

  it('keeps FINSABER\'s zero in the finsaber profile', () => {
    const run = backtest('--profile', 'finsaber');
    expect(run.metrics.accounting).toMatchObject({ cashRate: 0, cashInterest: 0 });
  });

  it('charges a borrow fee on shorts when asked, and shows it', () => {
    const run = backtest('--allow-short', '--borrow-fee', '0.02');
    expect(run.metrics.accounting).toMatchObject({ borrowFeeRate: 0.02, borrowFees: 0 });
    const out = cli('backtest', '--strategy', 'turn-of-month', '--symbol', 'AAPL', '--borrow-fee', '-0.1');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^error: --borrow-fee: expected an annual rate between 0 and 1/);
  });

  it('refuses a rate outside -1..1 as a usage error naming the flag', () => {
    const out = cli('backtest', '--strategy', 'turn-of-month', '--symbol', 'AAPL', '--cash-rate', '3');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^error: --cash-rate: expected an annual rate between -1 and 1 \(0\.03 is 3%\), got "3"\n$/);
  });
});
