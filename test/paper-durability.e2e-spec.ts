import type { BarRow } from '../src/core/market/bar-series';
import { DAY_MS, weekday } from '../src/core/market/dates';
import { exchangeDay } from '../src/modules/paper/feeds/exchange-day';
import { startAlpacaServer } from '../src/modules/paper/testing/alpaca.server';
import { cliSandbox, jsonOf, runCliAsync } from './support/cli-runner';
import { backtestAsSession, backtestTables, ServeProcess, sessionTables, startServe } from './support/paper';

/**
 * Kill tests: `serve` runs replay sessions and is killed (SIGKILL, nothing cleans up) mid-way,
 * also by the fault hook between "orders decided" and "state saved" and right after the save;
 * restarted, it resumes the session, catches up the ticks it missed, and the session ends with
 * exactly the orders, fills and equity of the backtest over the same bars: no bar processed
 * twice, no order decided twice.
 */
jest.setTimeout(300_000);

describe('paper sessions across restarts of serve', () => {
  const sandbox = cliSandbox('tg-paper-kill-');
  const { cli } = sandbox;
  const env = { TRADINGGROUP_PAPER_SCAN_MS: '200', TRADINGGROUP_PAPER_LEASE_MS: '60000' };
  const window = ['--from', '2016-01-04', '--to', '2016-06-30'];
  let expected: ReturnType<typeof backtestAsSession>;
  const running: ServeProcess[] = [];

  beforeAll(() => {
    expect(cli('data', 'setup').status).toBe(0);
    const backtest = jsonOf(cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', ...window, '--json'));
    expected = backtestAsSession(backtestTables(sandbox.env.TRADINGGROUP_BACKTESTS_DIR, backtest.id));
    expect(expected.orders.length).toBeGreaterThan(2);
  });
  afterAll(async () => {
    for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    sandbox.remove();
  });

  async function serve(extra: Record<string, string> = {}): Promise<ServeProcess> {
    const s = await startServe(sandbox, { ...env, ...extra });
    running.push(s);
    return s;
  }

  /** Polls the running server until the session satisfies `done`. */
  async function waitFor(server: ServeProcess, id: string, done: (s: any) => boolean, timeoutMs = 120_000): Promise<any> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = await (await fetch(`${server.url}/paper-sessions/${id}`)).json();
      if (done(s)) return s;
      if (Date.now() > until) throw new Error(`session ${id} is ${s.status} with ${s.barsProcessed} bars after ${timeoutMs} ms\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  function start(): string {
    const out = cli('paper', 'start', '--strategy', 'sma-cross', '--feed', 'replay:AAPL', ...window, '--tick-every', '100ms');
    expect(out.status).toBe(0);
    return out.stdout.trim();
  }

  /** The session, once done, against the backtest; every bar stored once, in order. */
  async function expectSameAsBacktest(server: ServeProcess, id: string): Promise<void> {
    const show = jsonOf(cli('paper', 'show', id, '--json'));
    expect(show.status).toBe('done');
    expect(show.barsProcessed).toBe(125);
    expect(sessionTables(show)).toEqual(expected);
    const ticks = await (await fetch(`${server.url}/paper-sessions/${id}/ticks?limit=1000`)).json();
    const bars = ticks.filter((t: any) => t.outcome === 'processed').map((t: any) => t.bar).reverse();
    expect(bars).toEqual(expected.equity.map((e: any) => e.date));
  }

  it('resumes a session after serve is killed mid-way and catches up the ticks it missed, in order', async () => {
    const id = start();
    // Paused until the server is up, so that it ticks on its schedule rather than catching up at once.
    expect(cli('paper', 'pause', id).status).toBe(0);
    const first = await serve();
    expect(cli('paper', 'resume', id).status).toBe(0);
    const before = await waitFor(first, id, (s) => s.barsProcessed >= 40);
    expect(before.status).toBe('active');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const stored = jsonOf(cli('paper', 'show', id, '--json'));
    expect(stored.status).toBe('active');
    expect(stored.barsProcessed).toBeLessThan(125);
    // Down for a while: on restart the missed ticks run at once, one bar each, before the schedule resumes.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await serve();
    await waitFor(second, id, (s) => s.status === 'done');
    await expectSameAsBacktest(second, id);
    // Asked to stop, serve closes (the signal ends it once the application has shut down) and lets the session go.
    second.child.kill('SIGTERM');
    await second.exited;
    expect(jsonOf(cli('paper', 'show', id, '--json')).runBy).toBeNull();
  });

  it.each([
    ['decided', 29, 'the orders of the 30th bar are decided and nothing of it is stored'],
    ['saved', 30, 'the 30th bar is stored and its orders are not yet sent'],
  ])('resumes a session after the process dies at the fault hook "%s" (%i bars stored: %s)', async (point, storedBars) => {
    const id = start();
    const faulty = await serve({ TRADINGGROUP_PAPER_FAULT: `${point}:30` });
    expect((await faulty.exited).signal).toBe('SIGKILL');
    const stored = jsonOf(cli('paper', 'show', id, '--json'));
    expect(stored).toMatchObject({ status: 'active', barsProcessed: storedBars });
    const next = await serve();
    await waitFor(next, id, (s) => s.status === 'done');
    await expectSameAsBacktest(next, id);
    next.child.kill('SIGTERM');
    await next.exited;
  });

  it('lets a foreground "paper run" refuse a session serve runs, take it over once serve is gone, and end when it is stopped elsewhere', async () => {
    const id = cli('paper', 'start', '--strategy', 'sma-cross', '--feed', 'replay:AAPL', ...window, '--tick-every', '1h').stdout.trim();
    const server = await serve();
    // The server's first scan (every 200 ms) takes the session.
    await new Promise((r) => setTimeout(r, 1500));
    const refused = cli('paper', 'run', id);
    expect(refused.stderr).toMatch(new RegExp(`^error: session ${id} is run by another process \\(.+\\); stop that process first\\n$`));
    expect(refused.status).toBe(1);
    const held = jsonOf(cli('paper', 'show', id, '--json')).runBy;
    expect(held).toMatch(/^.+:\d+:[0-9a-f]{6}$/);
    server.child.kill('SIGKILL');
    await server.exited;
    const foreground = runCliAsync(['paper', 'run', id], sandbox.dir, { ...sandbox.env, ...env });
    const until = Date.now() + 60_000;
    while (jsonOf(cli('paper', 'show', id, '--json')).runBy === held && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(cli('paper', 'stop', id).status).toBe(0);
    const ended = await foreground;
    expect(ended.stderr).toBe('');
    expect(ended.status).toBe(0);
    expect(ended.stdout).toMatch(new RegExp(`^running ${id} \\(every 3600000 ms\\)`));
    expect(ended.stdout.trimEnd().split('\n').pop()).toBe(`${id} stopped (stopped by the user)`);
  });

  it('sends no order twice to Alpaca when the process dies between the broker\'s acceptance and its record', async () => {
    const alpaca = await startAlpacaServer();
    try {
      const last = exchangeDay(Date.now(), 'America/New_York') - DAY_MS;
      const days: number[] = [];
      for (let d = last; days.length < 90; d -= DAY_MS) if (weekday(d) !== 0 && weekday(d) !== 6) days.unshift(d);
      let close = 50;
      const rows: BarRow[] = days.map((time, i) => {
        const open = close;
        close = Math.round(open * (1 + 0.025 * Math.sin(i / 6)) * 100) / 100;
        return { time, open, high: Math.max(open, close) + 0.3, low: Math.min(open, close) - 0.3, close, volume: 10_000 };
      });
      const keys = { APCA_API_KEY_ID: alpaca.keyId, APCA_API_SECRET_KEY: alpaca.secret, APCA_API_BASE_URL: alpaca.baseUrl, APCA_API_DATA_URL: alpaca.baseUrl };
      alpaca.bars.set('AAPL', rows.slice(0, 40));
      // Asynchronously: the stand-in answers from this process.
      const started = await runCliAsync(['paper', 'start', '--strategy', 'sma-cross', '--symbols', 'AAPL', '--feed', 'alpaca', '--broker', 'alpaca', '--tick-every', '100ms', '--stale-after-days', '366'], sandbox.dir, { ...sandbox.env, ...keys });
      expect(started.stderr).toBe('');
      const id = started.stdout.trim();
      alpaca.bars.set('AAPL', rows);
      const faulty = await serve({ ...keys, TRADINGGROUP_PAPER_FAULT: 'sent:2' });
      expect((await faulty.exited).signal).toBe('SIGKILL');
      expect(alpaca.orders.size).toBe(2);
      const mid = jsonOf(cli('paper', 'show', id, '--json'));
      expect(mid.orders.filter((o: any) => o.broker.state === 'unsent')).toHaveLength(1);

      const next = await serve(keys);
      await waitFor(next, id, (s) => s.barsProcessed === 50);
      const show = jsonOf(cli('paper', 'show', id, '--json'));
      expect(show.orders.length).toBeGreaterThan(2);
      expect(show.orders.every((o: any) => o.broker.state === 'sent')).toBe(true);
      const ids = show.orders.map((o: any) => o.broker.clientOrderId);
      expect([...alpaca.orders.keys()].sort()).toEqual([...ids].sort());
      // The one order sent again after the restart was refused as a duplicate and found by its id.
      expect(alpaca.submissions.length).toBe(ids.length + 1);
      next.child.kill('SIGTERM');
      await next.exited;
    } finally {
      await alpaca.close();
    }
  });
});
