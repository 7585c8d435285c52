import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { openPersistence, Persistence } from '../src/modules/persistence/open-persistence';
import { redisConnectionOf, RUN_QUEUE } from '../src/modules/queue/queue-config';
import { jsonOf, runCli } from './support/cli-runner';
import { setUpScaleMode, ScaleMode } from './support/scale-mode';
import { describeWithPostgres, describeWithRedis, TEST_REDIS_URL } from './support/services';

/*
 * The scale mode with real processes: `tradinggroup serve` with TRADINGGROUP_QUEUE puts runs on a
 * BullMQ queue in a real Redis, `tradinggroup worker` processes execute them and store them in a
 * real Postgres. A worker killed with SIGKILL in the middle of a run (held at a known step by the
 * test-only fault hook) has its job taken by the other worker; the run is stored once, with the
 * result hash of the same backtest run embedded.
 */

const RUN = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2019-12-31' };

describeWithPostgres('scale mode', () => {
  describeWithRedis('the API queues runs and worker processes execute them', () => {
    let scale: ScaleMode;
    let dir: string;
    let env: Record<string, string>;
    let db: Persistence;
    let queue: Queue;
    let events: QueueEvents;
    let baseUrl: string;
    const startWorker = (extra: Record<string, string> = {}) => scale.startWorker(extra);
    const api = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init).then(async (r) => ({ status: r.status, body: await r.json() }));
    const post = (body: unknown) => api('/backtests', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const waitForStatus = async (id: string, status: string, timeoutMs = 60_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await api(`/backtests/${id}`);
        if (body.status === status) return body;
        if (Date.now() > until) throw new Error(`run ${id} is still ${body.status} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    beforeAll(async () => {
      scale = await setUpScaleMode('tg-queue-');
      ({ dir, env } = scale);
      db = await openPersistence(env.TRADINGGROUP_DB);
      const connection = redisConnectionOf(TEST_REDIS_URL);
      queue = new Queue(RUN_QUEUE, { connection, prefix: env.TRADINGGROUP_QUEUE_PREFIX });
      events = new QueueEvents(RUN_QUEUE, { connection, prefix: env.TRADINGGROUP_QUEUE_PREFIX });
      await events.waitUntilReady();
      baseUrl = await scale.startServe();
    }, 60_000);

    afterAll(async () => {
      await Promise.all([queue?.close(), events?.close()]);
      await db?.close();
      await scale?.close();
    }, 30_000);

    it('stops a worker at once, in one line, when the queue\'s Redis server does not answer', () => {
      const res = runCli(['worker'], dir, { ...env, TRADINGGROUP_QUEUE: 'redis://127.0.0.1:1' });
      expect({ status: res.status, stderr: res.stderr }).toEqual({
        status: 1,
        stderr: "error: TRADINGGROUP_QUEUE: the queue's Redis server at redis://127.0.0.1:1 does not answer: connect ECONNREFUSED 127.0.0.1:1\n",
      });
    });

    it('answers a POST with a queued run while no worker runs, and a cancel takes it off the queue', async () => {
      const started = await post(RUN);
      expect(started.status).toBe(202);
      const id: string = started.body.id;
      expect(id).toMatch(/^sma-cross-SPX-\d{8}-\d{6}-[0-9a-f]{4}$/);
      expect((await queue.getJob(id))?.data).toEqual({ runId: id });
      expect((await api(`/backtests/${id}`)).body).toMatchObject({ status: 'queued', progressPct: 0 });

      expect(await api(`/backtests/${id}/cancel`, { method: 'POST' })).toEqual({ status: 200, body: { id, status: 'cancelled' } });
      expect(await queue.getJob(id)).toBeUndefined();
      expect((await api(`/backtests/${id}`)).body.status).toBe('cancelled');
    });

    it('completes on another worker a run whose worker was killed mid-job: one run, the embedded run\'s result hash', async () => {
      const doomed = await startWorker({ TRADINGGROUP_FAULT_POINT: 'before-store' });
      const id: string = (await post(RUN)).body.id;
      // Held after its engine and artifacts, just before its results are stored.
      await doomed.waitFor(/fault point before-store reached/);
      expect((await api(`/backtests/${id}`)).body.status).toBe('running');
      const survivor = await startWorker();
      doomed.child.kill('SIGKILL');
      expect(await doomed.exited).toBe('SIGKILL');

      const done = await waitForStatus(id, 'done');
      const embedded = jsonOf(runCli(['backtest', '--strategy', RUN.strategy, '--symbol', 'SPX', '--from', RUN.from, '--to', RUN.to, '--json'], dir, { ...env, TRADINGGROUP_DB: join(dir, 'embedded.sqlite'), TRADINGGROUP_QUEUE: '', TRADINGGROUP_BACKTESTS_DIR: join(dir, 'embedded') }));
      expect(done.resultHash).toBe(embedded.resultHash);
      expect(done.metrics).toEqual(embedded.metrics);

      const runs = (await db.runs.listRuns()).filter((r) => r.status !== 'cancelled');
      expect(runs.map((r) => r.id)).toEqual([id]);
      expect((await db.runs.getRun(id))?.owner?.pid).toBe(survivor.child.pid);
      const embeddedDb = await openPersistence(join(dir, 'embedded.sqlite'));
      try {
        expect((await db.runs.getTrades(id)).length).toBe((await embeddedDb.runs.getTrades(embedded.id)).length);
        expect((await db.runs.getEquity(id)).length).toBe((await embeddedDb.runs.getEquity(embedded.id)).length);
      } finally {
        await embeddedDb.close();
      }
      expect(readdirSync(env.TRADINGGROUP_BACKTESTS_DIR)).toEqual([id]);

      const job = await queue.getJob(id);
      expect(job?.stalledCounter).toBe(1);
      expect(job?.progress).toBe(1);
      expect(await job?.getState()).toBe('completed');
      expect(job?.returnvalue).toEqual({ runId: id, status: 'done', resultHash: embedded.resultHash, runMs: expect.any(Number) });
    }, 120_000);

    it('executes nothing again for a job delivered twice: the run and its rows stay as stored', async () => {
      const [run] = await db.runs.listRuns({ status: 'done' });
      const trades = (await db.runs.getTrades(run.id)).length;
      const again = await queue.add('run', { runId: run.id }, { jobId: `${run.id}-again` });
      expect(await again.waitUntilFinished(events, 30_000)).toEqual({ runId: run.id, status: 'done' });
      expect(await db.runs.getRun(run.id)).toEqual(run);
      expect((await db.runs.getTrades(run.id)).length).toBe(trades);
      expect((await db.runs.listRuns()).filter((r) => r.status === 'done')).toHaveLength(1);
    }, 60_000);
  });
});
