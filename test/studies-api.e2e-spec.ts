import { createTestApi, TestApi, waitForStatus } from './support/api-app';

const KEY = 'studies-test-key';

async function waitForStudy(api: TestApi, path: string, timeoutMs = 90_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  const seen: number[] = [];
  for (;;) {
    const res = await api.http().get(`${path}?limit=1000`).expect(200);
    seen.push(res.body.progress);
    if (res.body.status !== 'running') return { ...res.body, seen };
    if (Date.now() > until) throw new Error(`${path} is still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sweeps and evaluations over REST, every response checked against the OpenAPI document. */
describe('studies over the REST API', () => {
  let api: TestApi;
  const post = (path: string) => api.http().post(path).set('X-API-Key', KEY);

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_API_KEYS: KEY } });
  });

  afterAll(async () => {
    await api.close();
  });

  it('runs a sweep, shows its progress, ranks it by any metric, and its metrics are those of a single backtest', async () => {
    const started = await post('/sweeps')
      .send({ strategy: 'sma-cross', grid: 'fast=5..15:5,slow=30|40', symbols: ['AAPL', 'SPX'], from: '2014-01-02', to: '2018-05-01', keepBest: 1 })
      .expect(202);
    expect(started.body).toEqual({ id: expect.stringMatching(/^sweep-sma-cross-/), status: 'running', total: 12 });
    const done = await waitForStudy(api, `/sweeps/${started.body.id}`);
    expect(done.status).toBe('done');
    expect(done.progress).toBe(100);
    expect(done.results).toHaveLength(12);
    expect(done.summary.heatmap.y.values).toEqual([30, 40]);
    const byReturn = (await api.http().get(`/sweeps/${started.body.id}?sort=totalReturn&limit=5`).expect(200)).body.results;
    expect(byReturn).toHaveLength(5);
    expect(byReturn.map((r: any) => r.metrics.default.totalReturn)).toEqual(byReturn.map((r: any) => r.metrics.default.totalReturn).sort((a: number, b: number) => b - a));
    const pick = done.results[3];
    const single = await post('/backtests').send({ strategy: 'sma-cross', symbols: [pick.symbol], from: '2014-01-02', to: '2018-05-01', params: pick.params }).expect(202);
    const run = await waitForStatus(api, single.body.id, ['done']);
    expect(JSON.stringify(run.metrics)).toBe(JSON.stringify(pick.metrics));
    expect(done.results.filter((r: any) => r.runId !== null)).toHaveLength(1);

    const unkept = done.results.find((r: any) => r.runId === null);
    const kept = await post(`/sweeps/${started.body.id}/keep`).send({ indices: [unkept.index] }).expect(200);
    expect(kept.body.kept).toEqual([{ index: unkept.index, runId: expect.any(String) }]);
    const stored = (await api.http().get(`/backtests/${kept.body.kept[0].runId}`).expect(200)).body;
    expect(JSON.stringify(stored.metrics)).toBe(JSON.stringify(unkept.metrics));
    const after = (await api.http().get(`/sweeps/${started.body.id}?limit=1000`).expect(200)).body;
    expect(after.results.find((r: any) => r.index === unkept.index).runId).toBe(kept.body.kept[0].runId);
    await post(`/sweeps/${started.body.id}/keep`).send({ indices: [9999] }).expect(404);
    expect((await post(`/sweeps/${started.body.id}/keep`).send({ indices: ['x'] }).expect(400)).body.field).toMatch(/^indices/);
  });

  it('takes the engine settings of POST /backtests, and a run of it measures what that backtest measures', async () => {
    const engine = { commission: { kind: 'percent', rate: 0.001 }, cashRate: 0.01, borrowFeeRate: 0.02, allowShort: true, fillAt: 'close', slippageBps: 3 };
    const settings = { from: '2014-01-02', to: '2018-05-01', cash: 50000, engine, riskFreeRate: 0.02 };
    const started = await post('/sweeps').send({ strategy: 'sma-cross', grid: 'fast=5|10,slow=30', symbols: ['AAPL'], keepBest: 0, ...settings }).expect(202);
    const done = await waitForStudy(api, `/sweeps/${started.body.id}`);
    expect(done.status).toBe('done');
    expect(done.request.engine).toEqual({ ...engine, initialCash: 50000 });
    const pick = done.results[1];
    const single = await post('/backtests').send({ strategy: 'sma-cross', symbols: ['AAPL'], params: pick.params, ...settings }).expect(202);
    const run = await waitForStatus(api, single.body.id, ['done']);
    expect(JSON.stringify(run.metrics)).toBe(JSON.stringify(pick.metrics));
    const bad = await post('/sweeps').send({ strategy: 'sma-cross', grid: 'fast=5', symbols: ['AAPL'], engine: { fillAt: 'noon' } }).expect(400);
    expect(bad.body.field).toBe('engine.fillAt');
    const both = await post('/evaluations').send({ strategies: ['sma-cross'], symbols: ['AAPL'], window: '2y', cash: 1000, engine: { initialCash: 2000 } }).expect(400);
    expect(both.body.field).toBe('cash');
  });

  it('runs an evaluation with distributions and seeded bootstrap intervals', async () => {
    const body = { strategies: ['sma-cross'], symbols: ['AAPL'], from: '2013-06-03', to: '2018-05-11', window: '2y', step: '1y', resamples: 500, seed: 3 };
    const started = await post('/evaluations').send(body).expect(202);
    const done = await waitForStudy(api, `/evaluations/${started.body.id}`);
    expect(done.status).toBe('done');
    expect(done.results).toHaveLength(6);
    const sma = done.summary.strategies.find((s: any) => s.strategy === 'sma-cross');
    expect(sma.meanInterval.seed).toBe(3);
    expect(sma.versusBenchmark.pairs).toBe(3);
    const again = await waitForStudy(api, `/evaluations/${(await post('/evaluations').send(body).expect(202)).body.id}`);
    expect(again.summary.strategies).toEqual(done.summary.strategies);
  });

  it('cancels a running sweep at once: it keeps no results, and a second cancel is a 409', async () => {
    const started = await post('/sweeps').send({ strategy: 'sma-cross', grid: 'fast=2..40:1,slow=41..140:1', symbols: ['SPX'], keepBest: 0 }).expect(202);
    const id = started.body.id;
    const cancelled = await post(`/sweeps/${id}/cancel`).expect(200);
    expect(cancelled.body).toEqual({ id, status: 'cancelled' });
    const study = (await api.http().get(`/sweeps/${id}`).expect(200)).body;
    expect([study.status, study.error, study.results]).toEqual(['cancelled', 'cancelled through the API', []]);
    expect((await post(`/sweeps/${id}/cancel`).expect(409)).body.message).toBe(`sweep ${id} is cancelled: only a running sweep can be cancelled`);
    await post(`/evaluations/${id}/cancel`).expect(404);
    await post('/sweeps/sweep-none/cancel').expect(404);
  });

  it('answers 400 naming the field, 404 for an unknown id, 401 without the key', async () => {
    const grid = await post('/sweeps').send({ strategy: 'sma-cross', grid: 'fast=20..5', symbols: ['AAPL'] }).expect(400);
    expect(grid.body.field).toBe('grid');
    const symbols = await post('/sweeps').send({ strategy: 'sma-cross', grid: 'fast=5', symbols: ['NOPE'] }).expect(400);
    expect(symbols.body.field).toBe('symbols');
    const window = await post('/evaluations').send({ strategies: ['sma-cross'], symbols: ['AAPL'], window: 'two years' }).expect(400);
    expect(window.body.field).toBe('window');
    await api.http().get('/sweeps/sweep-none').expect(404);
    await api.http().get('/evaluations/evaluation-none').expect(404);
    await api.http().get('/sweeps/sweep-none?sort=nope').expect(400);
    await api.http().post('/sweeps').send({ strategy: 'sma-cross', grid: 'fast=5', symbols: ['AAPL'] }).expect(401);
  });

  it('lists the study routes in the OpenAPI document', () => {
    const paths = api.contract.doc.paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/sweeps', '/sweeps/{id}', '/sweeps/{id}/keep', '/evaluations', '/evaluations/{id}', '/evaluations/{id}/keep', '/sweeps/{id}/cancel', '/evaluations/{id}/cancel']));
    expect(paths['/sweeps'].post.security).toEqual([{ 'api-key': [] }]);
  });
});
