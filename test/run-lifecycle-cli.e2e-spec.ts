import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonOf, runCli } from './support/cli-runner';
import { lifecycleSandbox } from './support/lifecycle-sandbox';
import { startCli } from './support/live-process';

/*
 * Crash and signal tests with real processes: the CLI and `serve` are started, stopped at a
 * chosen step by the test-only fault hook (TRADINGGROUP_FAULT_POINT), then signalled or
 * killed with SIGKILL; the next command or server start must find every run in a final
 * state and no temporary artifact directory left.
 */
describe('run lifecycle with real processes', () => {
  // Each test gets a database of its own; data and artifacts are shared.
  const { dir, backtests, env, cli, atFault } = lifecycleSandbox('tg-crash-', 'runs', { TRADINGGROUP_API_KEYS: '', TRADINGGROUP_WORKERS: '1', HOST: '', PORT: '' });
  const backtest = ['backtest', '--strategy', 'sma-cross', '--symbol', 'SPX', '--from', '2010-01-04', '--to', '2012-12-31'];
  const runsOf = () => jsonOf<Array<{ id: string; status: string; error: string | null }>>(cli('runs', 'list', '--json'));
  const onlyRunId = async (status: string) => {
    const runs = runsOf().filter((r) => r.status === status);
    expect(runs).toHaveLength(1);
    return runs[0].id;
  };
  const leftovers = () => (existsSync(backtests) ? readdirSync(backtests).filter((n) => n.startsWith('.')) : []);

  it('stores a backtest stopped by SIGINT as cancelled and exits with 130', async () => {
    const live = atFault('run-started', backtest);
    await live.waitFor(/fault point run-started reached/);
    const id = await onlyRunId('running');
    live.child.kill('SIGINT');
    expect(await live.exited).toBe(130);
    expect(live.stderr()).toBe(`fault point run-started reached\nerror: cancelled by SIGINT (run ${id} is stored as cancelled)\n`);
    expect(runsOf()).toEqual([expect.objectContaining({ id, status: 'cancelled', error: 'cancelled by SIGINT' })]);
    expect(existsSync(join(backtests, id))).toBe(false);
  });

  it('stops a compare on SIGTERM: the run in progress is cancelled, no other starts, exit code 143', async () => {
    const live = atFault('run-started', ['compare', '--strategies', 'sma-cross,bollinger', '--symbols', 'SPX,AAPL', '--from', '2014-01-02', '--to', '2015-12-31']);
    await live.waitFor(/fault point run-started reached/);
    live.child.kill('SIGTERM');
    expect(await live.exited).toBe(143);
    expect(live.stderr()).toMatch(/\nerror: cancelled by SIGTERM \(run sma-cross-SPX-\S+ is stored as cancelled\)\n$/);
    expect(runsOf().map((r) => [r.status, r.error])).toEqual([['cancelled', 'cancelled by SIGTERM']]);
  });

  it('marks the runs of a compare killed with SIGKILL before storing a batch as interrupted, and removes their artifacts', async () => {
    const live = atFault('before-store', ['compare', '--strategies', 'sma-cross,bollinger', '--symbols', 'SPX,AAPL', '--from', '2014-01-02', '--to', '2015-12-31']);
    await live.waitFor(/fault point before-store reached/);
    const running = runsOf().filter((r) => r.status === 'running');
    expect(running.some((r) => existsSync(join(backtests, r.id, 'report.html')))).toBe(true);
    live.child.kill('SIGKILL');
    await live.exited;
    // Every batch started waits before storing: none is done, each one started is interrupted.
    const after = runsOf();
    expect(after.length).toBeGreaterThanOrEqual(running.length);
    expect(after.map((r) => r.status)).toEqual(after.map(() => 'interrupted'));
    for (const r of after) expect(existsSync(join(backtests, r.id))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('marks a backtest killed with SIGKILL mid-run as interrupted at the next command, which names it', async () => {
    const live = atFault('run-started', backtest);
    await live.waitFor(/fault point run-started reached/);
    const id = await onlyRunId('running');
    live.child.kill('SIGKILL');
    await live.exited;
    const next = cli('runs', 'show', id);
    const reason = `its process ${live.child.pid} on ${hostname()} ended before the run finished`;
    expect(next.stderr).toBe(`note: run ${id} is interrupted: ${reason}\n`);
    expect(next.stdout).toMatch(new RegExp(`^Run ${id}  \\[interrupted\\]\\n.*\\nreason: ${reason}\\n`));
    expect(cli('runs', 'show', id).stderr).toBe('');
  });

  it('removes the temporary folder of a backtest killed during its artifact write', async () => {
    const live = atFault('artifacts-partial', backtest);
    await live.waitFor(/fault point artifacts-partial reached/);
    const id = await onlyRunId('running');
    expect(leftovers()).toEqual([expect.stringMatching(new RegExp(`^\\.${id}\\.tmp-`))]);
    // equity.csv is started first (before the report is made), then the files one by one.
    expect(readdirSync(join(backtests, leftovers()[0])).sort()).toEqual(['equity.csv', 'manifest.json']);
    live.child.kill('SIGKILL');
    await live.exited;
    expect(runsOf()).toEqual([expect.objectContaining({ id, status: 'interrupted' })]);
    expect(leftovers()).toEqual([]);
    expect(existsSync(join(backtests, id))).toBe(false);
  });

  it('removes the artifacts of a backtest killed after writing them but before storing its results, and resumes it under its id', async () => {
    const live = atFault('before-store', backtest);
    await live.waitFor(/fault point before-store reached/);
    const id = await onlyRunId('running');
    expect(existsSync(join(backtests, id, 'report.html'))).toBe(true);
    live.child.kill('SIGKILL');
    await live.exited;
    expect(runsOf()).toEqual([expect.objectContaining({ id, status: 'interrupted' })]);
    expect(existsSync(join(backtests, id))).toBe(false);

    const resumed = cli('runs', 'resume', id, '--json');
    expect(resumed.stderr).toBe('');
    expect(jsonOf(resumed)).toMatchObject({ id, status: 'done', artifactsDir: join(backtests, id) });
    expect(readdirSync(join(backtests, id))).toContain('report.html');
    expect(cli('replay', id).stdout).toMatch(/identical/);
    const again = cli('runs', 'resume', id);
    expect([again.status, again.stderr]).toEqual([1, `error: run ${id} is done: only cancelled or interrupted runs can be resumed\n`]);
  });

  it('resumes a run on a price file given by a relative path from another directory', async () => {
    mkdirSync(join(dir, 'prices'), { recursive: true });
    copyFileSync(require.resolve('@observablehq/sample-datasets/aapl.csv'), join(dir, 'prices', 'aapl.csv'));
    const live = atFault('run-started', ['backtest', '--strategy', 'sma-cross', '--data', 'prices/aapl.csv', '--from', '2014-01-02', '--to', '2015-12-31']);
    await live.waitFor(/fault point run-started reached/);
    live.child.kill('SIGKILL');
    await live.exited;
    const id = await onlyRunId('interrupted');
    const elsewhere = mkdtempSync(join(tmpdir(), 'tg-elsewhere-'));
    try {
      const resumed = runCli(['runs', 'resume', id, '--json'], elsewhere, env);
      expect(resumed.stderr).toBe('');
      expect(jsonOf(resumed)).toMatchObject({ id, status: 'done' });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('cancels a run of another CLI process with "runs cancel": that process stops it at its next status check', async () => {
    const live = atFault('run-started', backtest);
    await live.waitFor(/fault point run-started reached/);
    const id = await onlyRunId('running');
    const cancel = cli('runs', 'cancel', id);
    expect(cancel.stdout).toBe(`run ${id} is cancelled; process ${live.child.pid} on ${hostname()} stops it within a second\n`);
    expect(await live.exited).toBe(1);
    expect(live.stderr()).toMatch(new RegExp(`error: run ${id} was cancelled by another process\\n$`));
    expect(runsOf()).toEqual([expect.objectContaining({ id, status: 'cancelled', error: 'cancelled with "tradinggroup runs cancel"' })]);
    const twice = cli('runs', 'cancel', id);
    expect([twice.status, twice.stderr]).toEqual([1, `error: run ${id} is cancelled: only queued or running runs can be cancelled\n`]);
  });

  it('deletes a run with its artifacts', () => {
    const run = jsonOf(cli(...backtest, '--json'));
    expect(cli('runs', 'delete', run.id).stdout).toBe(`run ${run.id} is deleted\n`);
    expect(existsSync(join(backtests, run.id))).toBe(false);
    expect(cli('runs', 'show', run.id).status).toBe(1);
  });

  it('refuses a strategy whose name cannot make a run id as a usage error naming --strategy, storing no run', () => {
    const file = join(dir, 'long-name.json');
    writeFileSync(file, JSON.stringify({ name: 'x'.repeat(300), kind: 'sma-cross', params: { fast: 10, slow: 20, tradeSize: 0.95 } }));
    const out = cli('backtest', '--strategy', file, '--symbol', 'SPX', '--from', '2010-01-04', '--to', '2010-12-31');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^error: --strategy: too long for a run id: [^\n]*\n$/);
    expect(runsOf()).toEqual([]);
  });

  it('marks the runs of a serve killed with SIGKILL as interrupted when the server starts again', async () => {
    const server = atFault('run-started', ['serve', '--port', '0']);
    const url = (await server.waitFor(/listening on (http:\/\/\S+)/))[1];
    const ids: string[] = [];
    for (const symbol of ['SPX', 'AAPL']) {
      const res = await fetch(`${url}/backtests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ strategy: 'sma-cross', symbols: [symbol], from: '2014-01-02', to: '2015-12-31' }) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    await server.waitFor(/fault point run-started reached/);
    expect(((await (await fetch(`${url}/backtests/${ids[1]}`)).json()) as { status: string; queuePosition: number })).toMatchObject({ status: 'queued', queuePosition: 1 });
    server.child.kill('SIGKILL');
    await server.exited;

    const again = startCli(['serve', '--port', '0'], dir, env);
    const url2 = (await again.waitFor(/listening on (http:\/\/\S+)/))[1];
    try {
      for (const id of ids) {
        const run = (await (await fetch(`${url2}/backtests/${id}`)).json()) as { status: string; error: string };
        expect(run).toMatchObject({ status: 'interrupted', error: `its process ${server.child.pid} on ${hostname()} ended before the run finished` });
      }
      expect(leftovers()).toEqual([]);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('stores the runs of a serve stopped by SIGTERM as interrupted', async () => {
    const server = atFault('run-started', ['serve', '--port', '0']);
    const url = (await server.waitFor(/listening on (http:\/\/\S+)/))[1];
    const res = await fetch(`${url}/backtests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ strategy: 'sma-cross', symbols: ['SPX'], from: '2014-01-02', to: '2015-12-31' }) });
    const { id } = (await res.json()) as { id: string };
    await server.waitFor(/fault point run-started reached/);
    server.child.kill('SIGTERM');
    await server.exited;
    expect(runsOf()).toEqual([expect.objectContaining({ id, status: 'interrupted', error: 'the process executing it stopped before the run finished' })]);
  });
});
