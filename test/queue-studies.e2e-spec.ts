import { Job, Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/modules/persistence/data-source.factory';
import { StudiesRepository } from '../src/modules/persistence/studies.repository';
import { redisConnectionOf } from '../src/modules/queue/queue-config';
import { STUDY_QUEUE, StudyBatchJobData, StudyBatchOutcome } from '../src/modules/queue/study-batch-job';
import { jsonOf, runCli } from './support/cli-runner';
import { LiveProcess } from './support/live-process';
import { setUpScaleMode, ScaleMode } from './support/scale-mode';
import { describeWithPostgres, describeWithRedis, TEST_REDIS_URL } from './support/services';

/*
 * Studies in the scale mode with real processes: `tradinggroup serve` with TRADINGGROUP_QUEUE puts
 * a sweep's runs on the studies queue of a real Redis, `tradinggroup worker` processes measure
 * them and the API stores them in a real Postgres. The results are compared with the same sweep
 * run by the CLI, which measures on its own worker threads even with TRADINGGROUP_QUEUE set.
 * A worker killed with SIGKILL while it holds a job (at a known step, through the test-only
 * fault hook) has its job measured again by another; every result is stored once.
 */

const SWEEP = { strategy: 'sma-cross', grid: 'fast=5..40:5,slow=50..150:10', symbols: ['AAPL', 'SPX'], from: '2013-06-03', to: '2018-05-11', keepBest: 1 };
const SWEEP_ARGS = ['sweep', '--strategy', SWEEP.strategy, '--grid', SWEEP.grid, '--symbols', SWEEP.symbols.join(','), '--from', SWEEP.from, '--to', SWEEP.to, '--keep-best', '1', '--json'];

const EVALUATION = { strategies: ['sma-cross', 'tradinggroup'], symbols: ['AAPL'], from: '2013-06-03', to: '2018-05-11', window: '2y', step: '1y', resamples: 500 };
const EVALUATION_ARGS = ['evaluate', '--strategies', 'sma-cross,tradinggroup', '--symbols', 'AAPL', '--from', EVALUATION.from, '--to', EVALUATION.to, '--window', '2y', '--step', '1y', '--resamples', '500', '--json'];
const WALK_FORWARD = { strategy: 'sma-cross', grid: 'fast=5|10|20,slow=30|50', symbols: ['AAPL', 'SPX'], from: '2013-08-01', to: '2018-05-01', walkForward: { train: '2y', test: '1y' }, keepBest: 0 };
const WALK_FORWARD_ARGS = ['sweep', '--strategy', 'sma-cross', '--grid', WALK_FORWARD.grid, '--symbols', 'AAPL,SPX', '--from', WALK_FORWARD.from, '--to', WALK_FORWARD.to, '--walk-forward', '2y:1y', '--keep-best', '0', '--json'];

/** What must be the same whichever processes measured a result (the ids of runs kept in full are drawn anew). */
const comparable = (results: Array<Record<string, unknown>>) => results.map(({ runId, ...rest }) => ({ ...rest, kept: runId !== null }));

describeWithPostgres('scale mode studies', () => {
  describeWithRedis('the API measures studies on worker processes through the queue', () => {
    let scale: ScaleMode;
    let dir: string;
    let env: Record<string, string>;
    let db: DataSource;
    let studies: StudiesRepository;
    let queue: Queue<StudyBatchJobData, StudyBatchOutcome>;
    let events: QueueEvents;
    let baseUrl: string;
    let embedded: any;
    const startWorker = (extra: Record<string, string> = {}) => scale.startWorker(extra);
    const stop = async (worker: LiveProcess) => {
      worker.child.kill('SIGTERM');
      await worker.exited;
    };
    const api = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init).then(async (r) => ({ status: r.status, body: await r.json() }));
    const post = (path: string, body: unknown) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const waitForStudy = async (path: string, until: (body: any) => boolean, timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await api(`${path}?limit=1000`);
        if (until(body)) return body;
        if (Date.now() > deadline) throw new Error(`${path} is ${body.status} at ${body.completed}/${body.total} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const jobsOf = async (studyId: string): Promise<Array<Job<StudyBatchJobData, StudyBatchOutcome>>> =>
      (await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter((j) => j?.data.studyId === studyId);

    beforeAll(async () => {
      scale = await setUpScaleMode('tg-queue-studies-');
      ({ dir, env } = scale);
      db = await createDataSource(env.TRADINGGROUP_DB);
      studies = new StudiesRepository(db);
      queue = new Queue(STUDY_QUEUE, { connection: redisConnectionOf(TEST_REDIS_URL), prefix: env.TRADINGGROUP_QUEUE_PREFIX });
      events = new QueueEvents(STUDY_QUEUE, { connection: redisConnectionOf(TEST_REDIS_URL), prefix: env.TRADINGGROUP_QUEUE_PREFIX });
      await events.waitUntilReady();
      // The same sweep run by the CLI in the scale mode's environment: measured on its own threads.
      embedded = jsonOf(runCli(SWEEP_ARGS, dir, env));
      expect(embedded).toMatchObject({ status: 'done', total: 176 });
      baseUrl = await scale.startServe();
    }, 120_000);

    afterAll(async () => {
      await Promise.all([queue?.close(), events?.close()]);
      await db?.destroy();
      await scale?.close();
    }, 30_000);

    it('keeps the CLI\'s sweep off the queue', async () => {
      expect(await jobsOf(embedded.id)).toEqual([]);
    });

    it('answers a sweep with no worker running, and a cancel takes its jobs off the queue and ends it cancelled', async () => {
      const started = await post('/sweeps', SWEEP);
      expect(started).toEqual({ status: 202, body: { id: expect.stringMatching(/^sweep-sma-cross-/), status: 'running', total: 176 } });
      const id: string = started.body.id;
      const jobs = await jobsOf(id);
      expect(jobs.map((j) => j.id).sort()).toEqual(Array.from({ length: 16 }, (_, k) => `${id}.runs-${k * 11}-${k * 11 + 10}`).sort());
      expect((await api(`/sweeps/${id}`)).body).toMatchObject({ status: 'running', progress: 0, completed: 0 });

      expect(await post(`/sweeps/${id}/cancel`, {})).toEqual({ status: 200, body: { id, status: 'cancelled' } });
      expect(await jobsOf(id)).toEqual([]);
      expect((await api(`/sweeps/${id}`)).body).toMatchObject({ status: 'cancelled', error: 'cancelled through the API', results: [] });
    });

    it('measures studies on two worker processes exactly as the CLI does on its threads: every result, the ranking and the summary of a sweep, an evaluation and a walk-forward sweep', async () => {
      const workers = [await startWorker(), await startWorker()];
      try {
        const id: string = (await post('/sweeps', SWEEP)).body.id;
        const done = await waitForStudy(`/sweeps/${id}`, (s) => s.status !== 'running');
        expect(done).toMatchObject({ status: 'done', progress: 100, completed: 176, total: 176 });
        expect(comparable(done.results)).toEqual(comparable(embedded.results));
        expect(done.summary).toEqual(embedded.summary);

        const jobs = await jobsOf(id);
        expect(jobs).toHaveLength(16);
        const measuredBy = new Set(jobs.map((j) => (j.returnvalue as { worker: number }).worker));
        expect([...measuredBy].sort()).toEqual(workers.map((w) => w.child.pid).sort());
        const stored = await studies.results(id);
        expect(stored.map((r) => r.index)).toEqual(Array.from({ length: 176 }, (_, i) => i));

        // A job added again under its id adds nothing; a job of a study that is not running measures nothing.
        await queue.add('study', jobs[0].data, { jobId: jobs[0].id });
        const again = (await queue.getJob(jobs[0].id!))!;
        expect({ state: await again.getState(), finishedOn: again.finishedOn, returnvalue: again.returnvalue }).toEqual({ state: 'completed', finishedOn: jobs[0].finishedOn, returnvalue: jobs[0].returnvalue });
        expect(await jobsOf(id)).toHaveLength(16);
        const stray = await queue.add('study', { ...jobs[0].data, studyId: embedded.id }, { jobId: `${embedded.id}.runs-0-10` });
        expect(await stray.waitUntilFinished(events, 30_000)).toEqual({ studyId: embedded.id, skipped: 'done' });
        expect(await studies.results(id)).toHaveLength(176);

        // An evaluation (the agents' strategy reads its news in the workers) and a walk-forward
        // sweep (its test runs are planned once training is measured) too.
        for (const [path, body, args] of [
          ['/evaluations', EVALUATION, EVALUATION_ARGS],
          ['/sweeps', WALK_FORWARD, WALK_FORWARD_ARGS],
        ] as const) {
          const started = (await post(path, body)).body;
          const queued = await waitForStudy(`${path}/${started.id}`, (s) => s.status !== 'running');
          const cli = jsonOf(runCli(args, dir, env));
          expect({ status: queued.status, total: queued.total }).toEqual({ status: 'done', total: cli.total });
          expect(comparable(queued.results)).toEqual(comparable(cli.results));
          expect(queued.summary).toEqual(cli.summary);
          expect((await jobsOf(started.id)).length).toBeGreaterThan(0);
        }
      } finally {
        await Promise.all(workers.map(stop));
      }
    }, 120_000);

    it('completes a sweep whose job a killed worker held: every result stored once, as embedded', async () => {
      const doomed = await startWorker({ TRADINGGROUP_FAULT_POINT: 'study-batch-measured' });
      const id: string = (await post('/sweeps', SWEEP)).body.id;
      // Held with its job's runs measured, just before it hands them back.
      await doomed.waitFor(/fault point study-batch-measured reached/);
      const [held] = (await jobsOf(id)).filter((j) => j.processedOn !== undefined && j.finishedOn === undefined);
      const heldRuns = held.data.indices[1] - held.data.indices[0] + 1;
      const survivor = await startWorker();
      // The progress of every other job reaches the API; the study waits for the held one.
      const partial = await waitForStudy(`/sweeps/${id}`, (s) => s.completed === 176 - heldRuns);
      expect(partial).toMatchObject({ status: 'running', progress: Math.round(((176 - heldRuns) / 176) * 1000) / 10 });
      doomed.child.kill('SIGKILL');
      expect(await doomed.exited).toBe('SIGKILL');

      const done = await waitForStudy(`/sweeps/${id}`, (s) => s.status !== 'running');
      expect(done).toMatchObject({ status: 'done', completed: 176 });
      expect(comparable(done.results)).toEqual(comparable(embedded.results));
      expect(done.summary).toEqual(embedded.summary);
      expect((await studies.results(id)).map((r) => r.index)).toEqual(Array.from({ length: 176 }, (_, i) => i));

      const retried = (await queue.getJob(held.id!))!;
      expect(await retried.getState()).toBe('completed');
      expect(retried.stalledCounter).toBe(1);
      expect((retried.returnvalue as { worker: number }).worker).toBe(survivor.child.pid);
      await stop(survivor);
    }, 120_000);
  });
});
