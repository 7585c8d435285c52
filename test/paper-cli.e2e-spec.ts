import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, jsonOf } from './support/cli-runner';
import { backtestAsSession, backtestTables, sessionTables } from './support/paper';

/** Paper sessions through the real CLI: start, run in the foreground, inspect, control, report. */
describe('tradinggroup paper (CLI)', () => {
  const sandbox = cliSandbox('tg-paper-cli-');
  const { cli } = sandbox;
  const window = ['--from', '2016-01-04', '--to', '2016-06-30'];

  beforeAll(() => {
    expect(cli('data', 'setup').status).toBe(0);
  });
  afterAll(() => sandbox.remove());

  it('runs a replay session to its last bar, trading exactly as the backtest of the same bars', () => {
    const start = cli('paper', 'start', '--strategy', 'sma-cross', '--symbols', 'AAPL', '--feed', 'replay:AAPL', ...window, '--tick-every', '10ms', '--json');
    expect(start.stderr).toBe('');
    const session = jsonOf(start);
    expect(session).toMatchObject({ status: 'active', strategy: 'sma-cross', symbols: ['AAPL'], feed: 'replay:AAPL', firstBar: '2016-01-04', barsProcessed: 0 });

    const run = cli('paper', 'run', session.id);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/processed 2016-01-04\n/);
    expect(run.stdout).toMatch(/processed 2016-06-30\n/);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe(`${session.id} done (the replay reached its last bar)`);

    const show = jsonOf(cli('paper', 'show', session.id, '--json'));
    expect(show.status).toBe('done');
    expect(show.barsProcessed).toBe(125);
    expect(show.orders.length).toBeGreaterThan(2);
    expect(show.orders[0].fill).toMatchObject({ date: '2016-02-24', quantity: 1049 });
    expect(show.positions).toEqual([expect.objectContaining({ symbol: 'AAPL', quantity: 0, asOf: '2016-06-30' })]);

    const backtest = jsonOf(cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', ...window, '--json'));
    const expected = backtestAsSession(backtestTables(sandbox.env.TRADINGGROUP_BACKTESTS_DIR, backtest.id));
    expect(sessionTables(show)).toEqual(expected);
    expect(show.equity.at(-1).equity).toBe(show.equity.at(-1).sleeves.AAPL.equity);
  });

  it('writes the session\'s report, the same self-contained page as a backtest\'s', () => {
    const [session] = jsonOf(cli('paper', 'list', '--status', 'done', '--json'));
    const out = cli('paper', 'report', session.id);
    expect(out.status).toBe(0);
    const file = out.stdout.trim();
    expect(file).toBe(join(sandbox.env.TRADINGGROUP_BACKTESTS_DIR, session.id, 'report.html'));
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('sma-cross on AAPL 2016-01-04..2016-06-30');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(jsonOf(cli('paper', 'report', session.id, '--json'))).toEqual({ id: session.id, symbol: 'AAPL', file });
  });

  it('lists sessions in a table and as JSON', () => {
    const table = cli('paper', 'list');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/Id\s+Status\s+Strategy\s+Symbols\s+Feed\s+Bars\s+Last bar\s+Equity/);
    expect(table.stdout).toMatch(/paper-sma-cross-AAPL-\S+\s+done\s+sma-cross\s+AAPL\s+replay:AAPL\s+125\s+2016-06-30/);
    expect(jsonOf(cli('paper', 'list', '--status', 'active', '--json'))).toEqual([]);
  });

  it('pauses, resumes and stops a session, and refuses a move its status does not allow', () => {
    const id = cli('paper', 'start', '--strategy', 'buy-and-hold', '--feed', 'replay:AAPL', '--from', '2016-01-04', '--cron', '0 0 1 1 *').stdout.trim();
    expect(id).toMatch(/^paper-buy-and-hold-AAPL-/);
    const active = jsonOf(cli('paper', 'show', id, '--json'));
    expect(active.schedule).toBe('cron "0 0 1 1 *" (America/New_York)');
    expect(Date.parse(active.nextTickAt)).toBeGreaterThan(Date.now());
    expect(cli('paper', 'pause', id).stdout).toBe(`${id} paused\n`);
    expect(jsonOf(cli('paper', 'show', id, '--json'))).toMatchObject({ status: 'paused', statusReason: 'paused by the user', nextTickAt: null });
    const again = cli('paper', 'pause', id);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`error: session ${id} is paused: only an active session can be paused\n`);
    expect(jsonOf(cli('paper', 'resume', id, '--json')).status).toBe('active');
    expect(cli('paper', 'stop', id).stdout).toBe(`${id} stopped\n`);
    expect(cli('paper', 'resume', id).stderr).toBe(`error: session ${id} is stopped: only a paused session can be resumed\n`);
    const run = cli('paper', 'run', id);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: session \S+ is stopped: only an active session runs/);
  });

  it('answers an unknown session id with one line and exit 1', () => {
    for (const command of ['show', 'pause', 'resume', 'stop', 'report', 'run']) {
      const out = cli('paper', command, 'paper-nope');
      expect(out.stderr).toBe('error: no paper session with id paper-nope (see "tradinggroup paper list")\n');
      expect(out.status).toBe(1);
    }
  });

  it.each([
    [['--feed', 'replay:AAPL', '--from', '2016-01-04'], /^error: --cron: a session needs a schedule/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--cron', 'every day'], /^error: --cron: not a cron expression/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--cron', '0 16 * * *', '--time-zone', 'Mars/Olympus'], /^error: --time-zone: .*"Mars\/Olympus"/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--cron', '0 16 * * *', '--tick-every', '1s'], /^error: --cron: give a cron schedule or --tick-every, not both/],
    [['--feed', 'replay:AAPL', '--tick-every', '1s'], /^error: --from: a replay feed needs the first day of the session/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--tick-every', 'soon'], /^error: --tick-every: expected a duration such as 500ms, 1s, 5m or 1h, got "soon"/],
    [['--feed', 'nasdaq', '--symbols', 'AAPL', '--tick-every', '1s'], /^error: --feed: a feed: replay/],
    [['--feed', 'replay:AAPL', '--symbols', 'MSFT', '--from', '2016-01-04', '--tick-every', '1s'], /^error: --symbols: replay:AAPL replays one dataset/],
    [['--feed', 'replay', '--symbols', 'MSFT', '--from', '2016-01-04', '--tick-every', '1s'], /^error: --symbols: no dataset MSFT to replay/],
    [['--feed', 'replay:AAPL', '--from', '2030-01-02', '--tick-every', '1s'], /^error: --from: no AAPL bars from 2030-01-02/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--tick-every', '1s', '--param', 'fast=-3'], /^error: --param: .*fast/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--tick-every', '1s', '--cash-rate', '3'], /^error: --cash-rate: expected an annual rate between -1 and 1/],
    [['--feed', 'replay:AAPL', '--from', '2016-01-04', '--tick-every', '1s', '--borrow-fee', '-0.1'], /^error: --borrow-fee: expected an annual rate between 0 and 1/],
  ])('refuses a bad start (%j) with one line naming the flag and exit 2', (flags, message) => {
    const out = cli('paper', 'start', '--strategy', 'sma-cross', ...(flags as string[]));
    expect(out.stderr).toMatch(message as RegExp);
    expect(out.stderr.split('\n').length).toBe(2);
    expect(out.status).toBe(2);
  });

  it('keeps the engine settings of a start, as a backtest takes them', () => {
    const start = cli('paper', 'start', '--strategy', 'sma-cross', '--feed', 'replay:AAPL', '--from', '2016-01-04', '--tick-every', '1h', '--allow-short', '--cash-rate', '0', '--borrow-fee', '0.02', '--slippage-bps', '5', '--json');
    expect(start.stderr).toBe('');
    expect(jsonOf(start).spec.engine).toEqual({ allowShort: true, cashRate: 0, borrowFeeRate: 0.02, slippageBps: 5 });
  });

  it('stores nothing for a refused start', () => {
    const before = jsonOf(cli('paper', 'list', '--json')).length;
    cli('paper', 'start', '--strategy', 'sma-cross', '--feed', 'replay:AAPL', '--tick-every', '1s');
    expect(jsonOf(cli('paper', 'list', '--json')).length).toBe(before);
    expect(existsSync(sandbox.env.TRADINGGROUP_DB)).toBe(true);
  });
});
