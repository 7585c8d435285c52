import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processStartToken } from '../src/modules/backtests/run-owner';
import { openPersistence } from '../src/modules/persistence/open-persistence';
import { NewRun, RunOwner } from '../src/modules/persistence/run-record';
import { createTestApi, TestApi, testApiEnv } from './support/api-app';

/*
 * The run lifecycle through the REST API: runs left by a process that is gone are interrupted
 * when the server starts, runs of another living process are cancelled for it, and cancel and
 * delete answer 200 / 204 (never 500) whatever the run, even one stored with an id that cannot
 * name a directory.
 */

function storedRun(id: string, owner?: RunOwner): NewRun {
  return {
    id, strategy: 'sma-cross', symbol: 'SPX', profile: 'default', mode: 'analytic', fromDate: '2010-01-04', toDate: '2012-12-31',
    config: { strategy: { name: 'sma-cross', kind: 'sma-cross' }, symbol: 'SPX', from: '2010-01-04', to: '2012-12-31' },
    owner, queueSeq: owner ? 1 : undefined, request: { source: { kind: 'dataset', symbol: 'SPX' }, inputs: {} },
  };
}

/** Stores runs in the database of `dir` as another process would, before any server opens it. */
async function seed(dir: string, runs: NewRun[], running: string[]): Promise<void> {
  const db = await openPersistence(testApiEnv(dir).TRADINGGROUP_DB);
  try {
    for (const run of runs) await db.runs.createRun(run);
    for (const id of running) await db.runs.markRunning(id);
  } finally {
    await db.close();
  }
}

/** The owner of a process that has ended. */
function endedOwner(): RunOwner {
  const pid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  return { pid, host: hostname(), token: `linux:ended:${pid}` };
}

describe('run lifecycle through the REST API', () => {
  const apis: TestApi[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const api of apis) await api.close();
  });

  async function apiOn(dir: string): Promise<TestApi> {
    const api = await createTestApi({ dir });
    apis.push(api);
    return api;
  }

  it('marks the runs of a process that is gone as interrupted when it starts, and removes their artifacts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-lifecycle-api-'));
    const owner = endedOwner();
    await seed(dir, [storedRun('sma-cross-SPX-gone-run', owner), storedRun('sma-cross-SPX-gone-queued', owner)], ['sma-cross-SPX-gone-run']);
    const backtests = testApiEnv(dir).TRADINGGROUP_BACKTESTS_DIR;
    mkdirSync(join(backtests, '.sma-cross-SPX-gone-run.tmp-Ab12Cd'), { recursive: true });
    writeFileSync(join(backtests, '.sma-cross-SPX-gone-run.tmp-Ab12Cd', 'manifest.json'), '{"half":');
    mkdirSync(join(backtests, '.sma-cross-SPX-deleted-long-ago.tmp-Zz99Yy'));

    const api = await apiOn(dir);

    const reason = `its process ${owner.pid} on ${hostname()} ended before the run finished`;
    for (const id of ['sma-cross-SPX-gone-run', 'sma-cross-SPX-gone-queued']) {
      expect((await api.http().get(`/backtests/${id}`).expect(200)).body).toMatchObject({ status: 'interrupted', error: reason, queuePosition: null });
    }
    expect(readdirSync(backtests)).toEqual([]);
  });

  it('cancels and deletes the runs of another living process, leaving them to it to stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-lifecycle-api-'));
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    const token = processStartToken(child.pid!) ?? `started:${Date.now()}`;
    const owner = { pid: child.pid!, host: hostname(), token };
    await seed(dir, [storedRun('sma-cross-SPX-elsewhere-a', owner), storedRun('sma-cross-SPX-elsewhere-b', owner)], ['sma-cross-SPX-elsewhere-a']);

    const api = await apiOn(dir);

    expect((await api.http().get('/backtests/sma-cross-SPX-elsewhere-a').expect(200)).body.status).toBe('running');
    expect((await api.http().get('/backtests/sma-cross-SPX-elsewhere-b').expect(200)).body).toMatchObject({ status: 'queued', queuePosition: 1 });
    expect((await api.http().post('/backtests/sma-cross-SPX-elsewhere-a/cancel').expect(200)).body).toEqual({ id: 'sma-cross-SPX-elsewhere-a', status: 'cancelled' });
    expect((await api.http().get('/backtests/sma-cross-SPX-elsewhere-a')).body).toMatchObject({ status: 'cancelled', error: 'cancelled through the API' });
    await api.http().delete('/backtests/sma-cross-SPX-elsewhere-b').expect(204);
    await api.http().get('/backtests/sma-cross-SPX-elsewhere-b').expect(404);
  });

  it('refuses up front, as a 400 naming strategy.name, a strategy whose name cannot make a run id, and stores no run', async () => {
    const api = await apiOn(mkdtempSync(join(tmpdir(), 'tg-lifecycle-api-')));
    const name = 'x'.repeat(300);
    const res = await api.http().post('/backtests').send({ strategy: { name, kind: 'sma-cross' }, symbols: ['SPX'], from: '2010-01-04', to: '2012-12-31' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, field: 'strategy.name', message: expect.stringMatching(/^strategy\.name: too long for a run id/) });
    expect((await api.http().get('/backtests').expect(200)).body.items).toEqual([]);
  });

  it('cancels and deletes runs stored by an earlier version with an id that cannot name a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-lifecycle-api-'));
    const api = await apiOn(dir);
    const [a, b] = [`${'y'.repeat(300)}-SPX-a`, `${'y'.repeat(300)}-SPX-b`];
    await seed(dir, [storedRun(a, { pid: process.pid, host: hostname(), token: 'started:0' }), storedRun(b)], [a, b]);

    await api.http().post(`/backtests/${a}/cancel`).expect(200);
    expect((await api.http().get(`/backtests/${a}`)).body.status).toBe('cancelled');
    await api.http().delete(`/backtests/${a}`).expect(204);
    await api.http().delete(`/backtests/${b}`).expect(204);
    await api.http().get(`/backtests/${b}`).expect(404);
    expect(existsSync(testApiEnv(dir).TRADINGGROUP_BACKTESTS_DIR) ? readdirSync(testApiEnv(dir).TRADINGGROUP_BACKTESTS_DIR) : []).toEqual([]);
  });
});
