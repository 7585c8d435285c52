import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerThreadRunExecutor } from '../src/modules/backtests/worker-thread-run.executor';
import { createTestApi, TestApi } from './support/api-app';

/*
 * A burst of identical submissions in the same second: every one is stored (new runs stored
 * together share a commit) under an id of its own. The runs go to a stand-in worker script that
 * keeps its thread busy until it is terminated, so the burst is all the test measures.
 */
const scripts = mkdtempSync(join(tmpdir(), 'tg-api-burst-'));
const SPINNING_WORKER = join(scripts, 'spinning.worker.js');
writeFileSync(SPINNING_WORKER, 'for (;;) {}\n');
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

const BODY = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2012-12-31' };

describe('REST API under a burst of submissions', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi({ executor: new WorkerThreadRunExecutor({ workerPath: SPINNING_WORKER, maxWorkers: 1 }) });
  });
  afterAll(async () => api?.close());

  it('answers 202 to 40 identical submissions sent at once, each stored as a run of its own', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => api.http().post('/backtests').send(BODY)));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(202));
    const ids = answers.map((a) => a.body.id as string);
    expect(new Set(ids).size).toBe(40);
    const listed = (await api.http().get('/backtests?limit=100').expect(200)).body.items as Array<{ id: string; status: string }>;
    expect(listed.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(listed.filter((r) => r.status === 'queued').length).toBeGreaterThanOrEqual(39);
  });
});
