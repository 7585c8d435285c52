import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerThreadRunExecutor } from '../src/modules/backtests/worker-thread-run.executor';
import { openPersistence } from '../src/modules/persistence/open-persistence';
import { createTestApi, TestApi } from './support/api-app';

/*
 * Long runs through the API: cancelling, deleting, shutting down, and staying responsive. A real
 * backtest of the sample data takes a fraction of a second, too short to catch it running, so
 * these runs go through the real WorkerThreadRunExecutor with a stand-in worker script that
 * reports 25% and then keeps its thread busy until it is terminated.
 */
const scripts = mkdtempSync(join(tmpdir(), 'tg-api-worker-'));
const SPINNING_WORKER = join(scripts, 'spinning.worker.js');
writeFileSync(SPINNING_WORKER, "require('node:worker_threads').parentPort.postMessage({ type: 'progress', fraction: 0.25 });\nfor (;;) {}\n");
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

const BODY = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2012-12-31' };

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('REST API with long runs (no API key configured)', () => {
  let api: TestApi;
  let executor: WorkerThreadRunExecutor;
  let closed = false;

  const start = async (): Promise<string> => (await api.http().post('/backtests').send(BODY).expect(202)).body.id;
  const running = async (id: string) => {
    await until(async () => (await api.http().get(`/backtests/${id}`)).body.progressPct === 25);
    return (await api.http().get(`/backtests/${id}`).expect(200)).body;
  };

  beforeAll(async () => {
    executor = new WorkerThreadRunExecutor({ workerPath: SPINNING_WORKER, maxWorkers: 2 });
    api = await createTestApi({ executor });
  });
  afterAll(async () => {
    if (!closed) await api.close();
  });

  it('shows no absolute path in the health check when no key is configured', async () => {
    const res = await api.http().get('/health').expect(200);
    expect(res.body.info.disk).not.toHaveProperty('path');
    expect(res.text).not.toContain(api.dir);
  });

  it('lets mutating routes through without a key when none is configured', async () => {
    const id = await start();
    await api.http().post(`/backtests/${id}/cancel`).expect(200);
    await until(() => executor.running === 0);
  });

  it('shows a running run with its live progress and keeps answering while its worker is busy', async () => {
    const id = await start();
    const run = await running(id);
    expect(run).toMatchObject({ status: 'running', progressPct: 25, metrics: null, finishedAt: null });
    expect(executor.running).toBe(1);
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await api.http().get('/health').expect(200);
      expect(performance.now() - t0).toBeLessThan(1_000);
    }
    await api.http().get(`/backtests?status=running`).expect(200);
    await api.http().post(`/backtests/${id}/cancel`).expect(200);
  });

  it('cancels a running run: its worker stops and the run is stored as cancelled without artifacts', async () => {
    const id = await start();
    await running(id);
    const res = await api.http().post(`/backtests/${id}/cancel`).expect(200);
    expect(res.body).toEqual({ id, status: 'cancelled' });
    expect(executor.running).toBe(0);
    const run = (await api.http().get(`/backtests/${id}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'cancelled', metrics: null });
    expect(run.finishedAt).not.toBeNull();
    expect(existsSync(join(api.env.TRADINGGROUP_BACKTESTS_DIR, id))).toBe(false);
    expect((await api.http().post(`/backtests/${id}/cancel`).expect(409)).body.message).toMatch(/is cancelled/);
  });

  it('keeps runs beyond the free workers queued with their place, and cancels a queued one at once', async () => {
    const [a, b] = [await start(), await start()];
    await running(a);
    await running(b);
    const [c, d] = [await start(), await start()];
    expect((await api.http().get(`/backtests/${c}`).expect(200)).body).toMatchObject({ status: 'queued', queuePosition: 1, progressPct: 0 });
    expect((await api.http().get(`/backtests/${d}`).expect(200)).body).toMatchObject({ status: 'queued', queuePosition: 2 });
    const listed = (await api.http().get('/backtests?status=queued').expect(200)).body.items;
    expect(Object.fromEntries(listed.map((r: { id: string; queuePosition: number }) => [r.id, r.queuePosition]))).toEqual({ [c]: 1, [d]: 2 });
    expect(executor.running).toBe(2);

    await api.http().post(`/backtests/${c}/cancel`).expect(200);

    expect((await api.http().get(`/backtests/${c}`)).body).toMatchObject({ status: 'cancelled', queuePosition: null, error: 'cancelled through the API' });
    expect((await api.http().get(`/backtests/${d}`)).body).toMatchObject({ status: 'queued', queuePosition: 1 });
    expect(executor.running).toBe(2);
    expect((await api.http().get(`/backtests/${a}`)).body.status).toBe('running');
    await api.http().post(`/backtests/${a}/cancel`).expect(200);
    await running(d);
    for (const id of [b, d]) await api.http().post(`/backtests/${id}/cancel`).expect(200);
    expect(executor.running).toBe(0);
  });

  it('deletes a running run after stopping its worker', async () => {
    const id = await start();
    await running(id);
    await api.http().delete(`/backtests/${id}`).expect(204);
    expect(executor.running).toBe(0);
    await api.http().get(`/backtests/${id}`).expect(404);
  });

  it('stores the runs it still has as interrupted when the application closes', async () => {
    const [a, b] = [await start(), await start()];
    await running(a);
    await running(b);
    const queued = await start();
    await api.app.close();
    closed = true;
    expect(executor.running).toBe(0);
    const db = await openPersistence(api.env.TRADINGGROUP_DB);
    try {
      for (const id of [a, b, queued]) {
        expect(await db.runs.getRun(id)).toMatchObject({ status: 'interrupted', error: 'the process executing it stopped before the run finished' });
      }
      expect(await db.runs.activeRuns()).toEqual([]);
    } finally {
      await db.close();
      rmSync(api.dir, { recursive: true, force: true });
    }
  });
});

describe('REST API rate limit on mutating routes', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_API_KEYS: 'key-a,key-b', TRADINGGROUP_RATE_LIMIT: '3' } });
  });
  afterAll(async () => api?.close());

  it('answers 429 with Retry-After past the limit of a key, and counts each key apart', async () => {
    const bad = { ...BODY, symbols: ['NOPE'] };
    for (let i = 0; i < 3; i++) await api.http().post('/backtests').set('X-API-Key', 'key-a').send(bad).expect(400);
    const limited = await api.http().post('/backtests').set('X-API-Key', 'key-a').send(bad).expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    await api.http().delete('/backtests/no-such-run').set('X-API-Key', 'key-a').expect(429);
    await api.http().post('/backtests').set('X-API-Key', 'key-b').send(bad).expect(400);
  });

  it('does not limit reads', async () => {
    for (let i = 0; i < 10; i++) await api.http().get('/backtests').expect(200);
  });

  it('limits requests without a valid key by client address, so keys cannot be guessed quickly', async () => {
    for (let i = 0; i < 3; i++) await api.http().post('/backtests').set('X-API-Key', `guess-${i}`).send(BODY).expect(401);
    await api.http().post('/backtests').set('X-API-Key', 'guess-3').send(BODY).expect(429);
    await api.http().post('/backtests').send(BODY).expect(429);
  });
});
