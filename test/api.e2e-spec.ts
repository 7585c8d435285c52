import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from '../src/modules/api/api.module';
import { createDataSource } from '../src/modules/persistence/data-source.factory';
import { RunsRepository } from '../src/modules/persistence/runs.repository';
import { RunExecutor } from '../src/modules/backtests/run-executor';
import { WorkerThreadRunExecutor } from '../src/modules/backtests/worker-thread-run.executor';
import { createTestApi, csvRows, TestApi, waitForStatus } from './support/api-app';
import { jsonOf, runCli } from './support/cli-runner';

/**
 * The REST API end to end through supertest, against the real application on a temp SQLite
 * file with the sample data: runs execute in worker threads (the compiled dist/ worker).
 */
describe('REST API', () => {
  const KEY = 'test-key-1';
  let api: TestApi;
  let runId = '';
  let finsaberId = '';
  const post = (path: string) => api.http().post(path).set('X-API-Key', KEY);

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_API_KEYS: `${KEY},test-key-2` } });
  });
  afterAll(async () => api?.close());

  it('answers the health check with the database and the disk up, and no absolute path to an anonymous caller', async () => {
    const res = await api.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.disk).toEqual({ status: 'up', freeBytes: expect.any(Number), minFreeBytes: expect.any(Number) });
    expect(res.body.info.disk.freeBytes).toBeGreaterThan(0);
    expect(res.text).not.toContain(api.dir);
    expect(res.text).not.toMatch(/"\//);
    await api.http().get('/health').set('X-API-Key', 'not-a-key').expect(200).expect((r) => expect(r.text).not.toContain(api.dir));
  });

  it('shows where the data directory is to a caller with a valid key', async () => {
    const res = await api.http().get('/health').set('X-API-Key', KEY).expect(200);
    expect(res.body.info.disk).toMatchObject({ status: 'up', path: api.env.TRADINGGROUP_DATA_DIR });
  });

  it('lists the datasets with their ranges and sources', async () => {
    const res = await api.http().get('/datasets').expect(200);
    const spx = res.body.find((d: { symbol: string }) => d.symbol === 'SPX');
    expect(res.body.map((d: { symbol: string }) => d.symbol).sort()).toEqual(['AAPL', 'SPX']);
    expect(spx).toMatchObject({ firstDate: '2000-01-03', lastDate: '2020-04-17', rows: 5105, layout: expect.any(String), source: expect.any(String) });
  });

  it('lists the strategies and shows one with its parameters resolved', async () => {
    const list = await api.http().get('/strategies').expect(200);
    expect(list.body.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['buy-and-hold', 'sma-cross', 'bollinger']));
    const one = await api.http().get('/strategies/sma-cross').expect(200);
    expect(one.body).toMatchObject({ name: 'sma-cross', kind: 'sma-cross', resolvedParams: { fast: 10, slow: 20, tradeSize: 0.95 } });
    expect(one.body.kindDescription).toMatch(/moving-average/i);
    await api.http().get('/strategies/no-such-strategy').expect(404);
    await api.http().get('/strategies/..%2Fpackage').expect(404);
  });

  it('starts a run with a valid key: 202 with its id and status', async () => {
    const res = await post('/backtests').send({ strategy: 'sma-cross', symbols: ['SPX'], from: '2000-03-01', to: '2020-04-17', cash: 50_000 }).expect(202);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^sma-cross-SPX-/), status: 'queued', runs: [{ id: res.body.id, status: 'queued', symbol: 'SPX' }] });
    runId = res.body.id;
  });

  it('polls the run to done and shows its status, config, metrics and timings', async () => {
    const run = await waitForStatus(api, runId, ['done', 'failed']);
    expect(run.error).toBeNull();
    expect(run).toMatchObject({ id: runId, status: 'done', progressPct: 100, strategy: 'sma-cross', symbol: 'SPX', profile: 'default', mode: 'analytic', from: '2000-03-01', to: '2020-04-17' });
    expect(run.config.engine).toEqual({ initialCash: 50_000 });
    expect(run.metrics.default.bars).toBe(5065);
    expect(run.manifest.resolved.engine.initialCash).toBe(50_000);
    expect(run.timings.engineMs).toBeGreaterThan(0);
    expect(run.resultHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.startedAt <= run.finishedAt).toBe(true);
  });

  it('serves the equity as columns in JSON and as the same numbers as the artifact in CSV', async () => {
    const json = await api.http().get(`/backtests/${runId}/equity`).expect(200).expect('Content-Type', /application\/json/);
    expect(json.body).toMatchObject({ runId, status: 'done', count: 5065, firstBarIndex: 40 });
    expect(json.body.columns.date[0]).toBe('2000-03-01');
    // The first close: the 50,000 in cash has earned one bar of the 3% risk-free rate.
    expect(json.body.columns.equity[0]).toBeCloseTo(50_000 * 1.03 ** (1 / 252), 6);
    for (const column of ['date', 'equity', 'cash', 'position', 'close']) expect(json.body.columns[column]).toHaveLength(5065);
    const csv = await api.http().get(`/backtests/${runId}/equity`).set('Accept', 'text/csv').expect(200).expect('Content-Type', /text\/csv/);
    const rows = csvRows(csv.text);
    expect(rows[0]).toEqual(['barIndex', 'date', 'equity', 'cash', 'position', 'close']);
    expect(rows).toHaveLength(5066);
    // The API serves the stored points. The database can hold a value one ulp off the engine's
    // (TypeORM writes numbers into the INSERT as text), so numbers are compared to 1 ulp.
    const artifact = csvRows(readFileSync(join(api.env.TRADINGGROUP_BACKTESTS_DIR, runId, 'equity.csv'), 'utf8')).slice(1);
    expect(rows.slice(1).map((r) => r[1])).toEqual(artifact.map((r) => r[0]));
    const worst = Math.max(...rows.slice(1).flatMap((r, i) => [2, 3, 4, 5].map((c) => Math.abs(Number(r[c]) - Number(artifact[i][c - 1])) / Math.max(1, Math.abs(Number(artifact[i][c - 1]))))));
    expect(worst).toBeLessThanOrEqual(Number.EPSILON);
    expect(csv.headers.vary).toMatch(/Accept/);
  });

  it('answers 304 to a repeated read of a done run that sends back its ETag', async () => {
    const first = await api.http().get(`/backtests/${runId}/equity`).expect(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    await api.http().get(`/backtests/${runId}/equity`).set('If-None-Match', first.headers.etag).expect(304);
    const csv = await api.http().get(`/backtests/${runId}/equity`).set('Accept', 'text/csv').expect(200);
    expect(csv.headers.etag).not.toBe(first.headers.etag);
    await api.http().get(`/backtests/${runId}/equity`).set('Accept', 'text/csv').set('If-None-Match', first.headers.etag).expect(200);
    const detail = await api.http().get(`/backtests/${runId}`).expect(200);
    await api.http().get(`/backtests/${runId}`).set('If-None-Match', detail.headers.etag).expect(304);
  });

  it('serves the trades in JSON and CSV', async () => {
    const run = (await api.http().get(`/backtests/${runId}`)).body;
    const json = await api.http().get(`/backtests/${runId}/trades`).expect(200);
    expect(json.body.items).toHaveLength(run.metrics.default.tradeCount);
    expect(json.body.items[0]).toMatchObject({ direction: 'long', entryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), exitReason: expect.any(String) });
    const csv = await api.http().get(`/backtests/${runId}/trades`).set('Accept', 'text/csv').expect(200);
    const rows = csvRows(csv.text);
    expect(rows[0].slice(0, 4)).toEqual(['direction', 'entryBar', 'entryDate', 'entryPrice']);
    expect(rows).toHaveLength(run.metrics.default.tradeCount + 1);
    expect(Number(rows[1][9])).toBe(json.body.items[0].pnl);
  });

  it('serves the agent trace, empty for a rule strategy, with its filters validated', async () => {
    const all = await api.http().get(`/backtests/${runId}/decisions`).expect(200);
    expect(all.body).toEqual({ runId, status: 'done', items: [] });
    await api.http().get(`/backtests/${runId}/decisions?date=2016-06-30&agent=decision`).expect(200);
    const csv = await api.http().get(`/backtests/${runId}/decisions`).set('Accept', 'text/csv').expect(200);
    expect(csv.text).toBe('barIndex,date,agent,output\n');
    const bad = await api.http().get(`/backtests/${runId}/decisions?date=2016-6-30`).expect(400);
    expect(bad.body.field).toBe('date');
  });

  it('says a rule strategy records no reflections and makes no LLM calls', async () => {
    const reflections = await api.http().get(`/backtests/${runId}/reflections`).expect(200);
    expect(reflections.body).toEqual({ runId, status: 'done', reflections: [], rejected: [], note: 'this run records no reflections: sma-cross is a rule strategy' });
    const usage = await api.http().get(`/backtests/${runId}/llm-usage`).expect(200);
    expect(usage.body).toMatchObject({ runId, mode: 'analytic', calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
    expect(usage.body.note).toMatch(/rule strategy/);
  });

  it('serves the HTML report and the artifact files, and no path outside the run directory', async () => {
    const report = await api.http().get(`/backtests/${runId}/report`).expect(200).expect('Content-Type', /text\/html/);
    expect(report.text).toContain(runId);
    const names = await api.http().get(`/backtests/${runId}/artifacts`).expect(200);
    expect(names.body.names).toEqual(expect.arrayContaining(['equity.csv', 'manifest.json', 'metrics.json', 'orders.csv', 'report.html', 'trades.csv']));
    const manifest = await api.http().get(`/backtests/${runId}/artifacts/manifest.json`).expect(200).expect('Content-Type', /application\/json/);
    expect(manifest.body.runId).toBe(runId);
    await api.http().get(`/backtests/${runId}/artifacts/orders.csv`).expect(200).expect('Content-Type', /text\/csv/);
    await api.http().get(`/backtests/${runId}/artifacts/nothing.csv`).expect(404);
    await api.http().get(`/backtests/${runId}/artifacts/..%2F..%2Fdb%2Fruns.sqlite`).expect(404);
    await api.http().get(`/backtests/${runId}/artifacts/.hidden`).expect(404);
  });

  it('starts one run per symbol through the worker-thread executor, with an inline strategy config and the finsaber profile', async () => {
    const executor = api.app.select(ApiModule).get(RunExecutor, { strict: true });
    expect(executor).toBeInstanceOf(WorkerThreadRunExecutor);
    const execute = jest.spyOn(executor, 'execute');
    const res = await post('/backtests')
      .send({ strategy: { name: 'fast-sma', kind: 'sma-cross', params: { fast: 5, slow: 15 } }, symbols: ['AAPL', 'spx'], from: '2015-01-02', to: '2016-12-30', profile: 'finsaber' })
      .expect(202);
    expect(res.body.id).toBeUndefined();
    expect(res.body.runs.map((r: { symbol: string }) => r.symbol)).toEqual(['AAPL', 'SPX']);
    const runs = await Promise.all(res.body.runs.map((r: { id: string }) => waitForStatus(api, r.id, ['done', 'failed'])));
    expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
    expect(execute).toHaveBeenCalledTimes(2);
    execute.mockRestore();
    expect(runs[0].manifest.resolved.params).toMatchObject({ fast: 5, slow: 15 });
    expect(typeof runs[0].metrics.finsaber.spr).toBe('number');
    finsaberId = runs[0].id;
  });

  it('stores a TradingGroup run encoded in its worker thread exactly as the CLI stores the same run', async () => {
    const window = { from: '2016-01-04', to: '2016-09-30' };
    const res = await post('/backtests').send({ strategy: 'tradinggroup', symbols: ['AAPL'], ...window }).expect(202);
    const inThread = await waitForStatus(api, res.body.id, ['done', 'failed']);
    expect(inThread.status).toBe('done');
    const cli = runCli(['backtest', '--strategy', 'tradinggroup', '--symbol', 'AAPL', '--from', window.from, '--to', window.to, '--json'], api.dir, api.env);
    expect(cli.stderr).toBe('');
    const inProcess = jsonOf<{ id: string; resultHash: string }>(cli);
    expect(inThread.resultHash).toBe(inProcess.resultHash);
    const decisions = async (id: string) => (await api.http().get(`/backtests/${id}/decisions`).expect(200)).body.items;
    const fromThread = await decisions(inThread.id);
    expect(fromThread.length).toBeGreaterThan(150 * 4);
    expect(fromThread).toEqual(await decisions(inProcess.id));
    // A run's own cases carry its id (and so do their checksums, each checked when read):
    // compared with the id and the checksum taken out.
    const reflections = async (id: string) => {
      const body = (await api.http().get(`/backtests/${id}/reflections`).expect(200)).body;
      expect(body.rejected).toEqual([]);
      const cases = JSON.parse(JSON.stringify(body.reflections).split(id).join('<run>')) as Array<{ checksum: string }>;
      return cases.map(({ checksum: _checksum, ...c }) => c);
    };
    const ownCases = await reflections(inThread.id);
    expect(ownCases.length).toBeGreaterThan(10);
    expect(ownCases).toEqual(await reflections(inProcess.id));
    // The listings below count the runs stored before this one.
    for (const id of [inThread.id, inProcess.id]) await api.http().delete(`/backtests/${id}`).set('X-API-Key', KEY).expect(204);
  });

  it('lists runs filtered by symbol, strategy, status and a day in the window', async () => {
    const ids = async (query: string) => (await api.http().get(`/backtests?${query}`).expect(200)).body.items.map((r: { id: string }) => r.id);
    expect(await ids('symbol=SPX&strategy=sma-cross')).toEqual([runId]);
    expect(await ids('strategy=fast-sma&symbol=AAPL')).toEqual([finsaberId]);
    expect((await ids('status=done')).length).toBe(3);
    expect(await ids('status=failed')).toEqual([]);
    expect(await ids('date=2001-06-01')).toEqual([runId]);
    expect((await ids('date=2016-01-04')).length).toBe(3);
  });

  it('lists runs in the default order with their creation time, in JSON and CSV', async () => {
    const items = (await api.http().get('/backtests').expect(200)).body.items as Array<{ createdAt: string }>;
    expect(items.map((r) => r.createdAt)).toEqual(items.map(() => expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)));
    expect(items.map((r) => r.createdAt)).toEqual(items.map((r) => r.createdAt).sort().reverse());
    const [header, ...rows] = csvRows((await api.http().get('/backtests').set('Accept', 'text/csv').expect(200)).text);
    expect(rows.map((r) => r[header.indexOf('createdAt')])).toEqual(items.map((r) => r.createdAt));
  });

  it('sorts runs by any metric and pages through them with the cursor', async () => {
    const all = (await api.http().get('/backtests?sort=metrics.default.sharpe&order=asc').expect(200)).body.items;
    const sharpes = all.map((r: { metrics: { default: { sharpe: number } } }) => r.metrics.default.sharpe);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => a - b));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `sort=sharpe&order=asc&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await api.http().get(`/backtests?${query}`).expect(200)).body;
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(all.map((r: { id: string }) => r.id));
    const finsaber = (await api.http().get('/backtests?sort=metrics.finsaber.spr').expect(200)).body.items;
    expect(finsaber.slice(-1)[0].id).toBe(runId);
  });

  it('lists runs as CSV with one metric per column', async () => {
    const csv = await api.http().get('/backtests?symbol=SPX&strategy=sma-cross').set('Accept', 'text/csv').expect(200).expect('Content-Type', /text\/csv/);
    const [header, row, ...rest] = csvRows(csv.text);
    expect(rest).toEqual([]);
    expect(row[header.indexOf('id')]).toBe(runId);
    expect(Number(row[header.indexOf('sharpe')])).toBeCloseTo((await api.http().get(`/backtests/${runId}`)).body.metrics.default.sharpe, 12);
  });

  it('refuses bad list queries naming the parameter', async () => {
    expect((await api.http().get('/backtests?sort=status').expect(400)).body.field).toBe('sort');
    expect((await api.http().get('/backtests?limit=0').expect(400)).body.field).toBe('limit');
    expect((await api.http().get('/backtests?limit=501').expect(400)).body.field).toBe('limit');
    expect((await api.http().get('/backtests?cursor=bm90LWEtY3Vyc29y').expect(400)).body.field).toBe('cursor');
    expect((await api.http().get('/backtests?status=finished').expect(400)).body.field).toBe('status');
    expect((await api.http().get('/backtests?colour=red').expect(400)).body).toMatchObject({ field: 'colour', message: 'colour: unknown field' });
    const page = (await api.http().get('/backtests?limit=1').expect(200)).body;
    const other = await api.http().get(`/backtests?limit=1&sort=sharpe&cursor=${page.nextCursor}`).expect(400);
    expect(other.body).toMatchObject({ field: 'cursor', message: expect.stringMatching(/made for sort=createdAt/) });
  });

  it('answers a repeated listing with the same bytes and ETag (304 when sent back), and lists a run another process stores at once', async () => {
    const first = await api.http().get('/backtests?limit=5').expect(200);
    const again = await api.http().get('/backtests?limit=5').expect(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(first.headers.vary).toMatch(/Accept/);
    await api.http().get('/backtests?limit=5').set('If-None-Match', first.headers.etag).expect(304);
    // Another process sharing the database file, as a CLI command does.
    const other = await createDataSource(api.env.TRADINGGROUP_DB);
    try {
      const runs = new RunsRepository(other);
      await runs.createRun({ id: 'stored-elsewhere', strategy: 'sma-cross', symbol: 'SPX', profile: 'default', mode: 'analytic', fromDate: '2001-01-02', toDate: '2001-12-31', config: {} });
      const listed = await api.http().get('/backtests?limit=5').expect(200);
      expect(listed.body.items[0].id).toBe('stored-elsewhere');
      expect(listed.headers.etag).not.toBe(first.headers.etag);
      await runs.deleteRun('stored-elsewhere');
    } finally {
      await other.destroy();
    }
    expect((await api.http().get('/backtests?limit=5').expect(200)).text).toBe(first.text);
  });

  it('compares runs side by side in the order asked, in JSON and CSV', async () => {
    const res = await api.http().get(`/compare?ids=${finsaberId},${runId}`).expect(200);
    expect(res.body.rows.map((r: { id: string }) => r.id)).toEqual([finsaberId, runId]);
    expect(res.body.columns).toContain('sharpe');
    expect(res.body.rows[0].finsaber.spr).toEqual(expect.any(Number));
    expect(res.body.rows[1]).toMatchObject({ strategy: 'sma-cross', symbol: 'SPX', status: 'done', finsaber: null });
    const csv = csvRows((await api.http().get(`/compare?ids=${runId}`).set('Accept', 'text/csv').expect(200)).text);
    expect(csv).toHaveLength(2);
    expect(csv[1][csv[0].indexOf('tradeCount')]).toBe(String(res.body.rows[1].default.tradeCount));
    expect((await api.http().get(`/compare?ids=${runId},no-such-run`).expect(404)).body.message).toMatch(/no-such-run/);
    expect((await api.http().get('/compare').expect(400)).body.field).toBe('ids');
  });

  it('answers 401 to mutating routes without a valid key, and lets reads through', async () => {
    const body = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2010-12-31' };
    const missing = await api.http().post('/backtests').send(body).expect(401);
    expect(missing.body.message).toMatch(/X-API-Key/);
    await api.http().post('/backtests').set('X-API-Key', 'test-key-3').send(body).expect(401);
    await api.http().post('/backtests').set('X-API-Key', 'test-key-').send(body).expect(401);
    await api.http().post(`/backtests/${runId}/cancel`).expect(401);
    await api.http().delete(`/backtests/${runId}`).set('X-API-Key', 'wrong').expect(401);
    await api.http().get(`/backtests/${runId}`).expect(200);
    await post('/backtests').set('X-API-Key', 'test-key-2').send({ ...body, symbols: ['NOPE'] }).expect(400);
  });

  it.each([
    ['an unknown field', { foo: 1 }, 'foo'],
    ['a date that is not a calendar date', { from: '2019-02-30' }, 'from'],
    ['a date in another format', { to: '12/31/2019' }, 'to'],
    ['from after to', { from: '2019-06-01', to: '2019-01-02' }, 'from'],
    ['an unknown strategy name', { strategy: 'no-such-strategy' }, 'strategy'],
    ['a path as strategy', { strategy: '../strategies/sma-cross.json' }, 'strategy'],
    ['an inline strategy of an unknown kind', { strategy: { name: 'x', kind: 'magic' } }, 'strategy.kind'],
    ['a bad strategy parameter', { params: { fast: 'ten' } }, 'params.fast'],
    ['the llm mode without a model endpoint', { mode: 'llm' }, 'llm'],
    ['the llm mode for a rule strategy', { mode: 'llm', llm: { baseUrl: 'http://127.0.0.1:1/v1', model: 'm' } }, 'mode'],
    ['an unknown strategy parameter', { params: { speed: 3 } }, 'params'],
    ['a symbol without a dataset', { symbols: ['SPX', 'ZZZZ'] }, 'symbols'],
    ['no symbols', { symbols: [] }, 'symbols'],
    ['a bad engine setting', { engine: { fillAt: 'tomorrow' } }, 'engine.fillAt'],
    ['an unknown engine setting', { engine: { leverage: 3 } }, 'engine'],
    ['cash and engine.initialCash together', { cash: 1000, engine: { initialCash: 2000 } }, 'cash'],
    ['negative cash', { cash: -5 }, 'cash'],
    ['cash as text', { cash: '1000' }, 'cash'],
    ['an unknown profile', { profile: 'aggressive' }, 'profile'],
  ])('answers 400 naming the field for %s', async (_what, change, field) => {
    const body = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2010-12-31', ...change };
    const res = await post('/backtests').send(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field });
    expect(res.body.message).toContain(field);
  });

  it('starts nothing when one symbol of several is refused', async () => {
    const before = (await api.http().get('/backtests?limit=500').expect(200)).body.items.length;
    await post('/backtests').send({ strategy: 'sma-cross', symbols: ['SPX', 'ZZZZ'], from: '2010-01-04', to: '2010-12-31' }).expect(400);
    expect((await api.http().get('/backtests?limit=500').expect(200)).body.items.length).toBe(before);
  });

  it('answers 404 for an unknown run id on every route', async () => {
    for (const path of ['', '/equity', '/trades', '/decisions', '/reflections', '/llm-usage', '/report', '/artifacts', '/artifacts/manifest.json']) {
      const res = await api.http().get(`/backtests/no-such-run${path}`).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'no run with id no-such-run' });
    }
    await post('/backtests/no-such-run/cancel').expect(404);
    await api.http().delete('/backtests/no-such-run').set('X-API-Key', KEY).expect(404);
  });

  it('answers 409 to cancelling a run that already ended', async () => {
    const res = await post(`/backtests/${runId}/cancel`).expect(409);
    expect(res.body.message).toMatch(/is done: only queued or running runs can be cancelled/);
  });

  it('answers 404 with a reason when a run has no report', async () => {
    rmSync(join(api.env.TRADINGGROUP_BACKTESTS_DIR, finsaberId, 'report.html'));
    const res = await api.http().get(`/backtests/${finsaberId}/report`).expect(404);
    expect(res.body.message).toBe(`run ${finsaberId} has no HTML report: its artifacts hold no report.html`);
  });

  it('deletes a run with its results and artifacts', async () => {
    await api.http().get(`/backtests/${finsaberId}/equity`).expect(200);
    await api.http().delete(`/backtests/${finsaberId}`).set('X-API-Key', KEY).expect(204);
    await api.http().get(`/backtests/${finsaberId}`).expect(404);
    await api.http().get(`/backtests/${finsaberId}/equity`).expect(404);
    expect(existsSync(join(api.env.TRADINGGROUP_BACKTESTS_DIR, finsaberId))).toBe(false);
    await api.http().get(`/backtests/${runId}`).expect(200);
  });

  it('publishes the OpenAPI document at /docs-json and the explorer at /docs', async () => {
    const doc = (await api.http().get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/backtests', '/backtests/{id}', '/backtests/{id}/cancel', '/backtests/{id}/equity', '/backtests/{id}/trades', '/backtests/{id}/decisions',
        '/backtests/{id}/reflections', '/backtests/{id}/llm-usage', '/backtests/{id}/report', '/backtests/{id}/artifacts', '/backtests/{id}/artifacts/{name}',
        '/compare', '/strategies', '/strategies/{name}', '/datasets', '/health',
        '/paper-sessions', '/paper-sessions/{id}', '/paper-sessions/{id}/orders', '/paper-sessions/{id}/positions', '/paper-sessions/{id}/equity',
        '/paper-sessions/{id}/decisions', '/paper-sessions/{id}/ticks', '/paper-sessions/{id}/report', '/paper-sessions/{id}/pause',
        '/paper-sessions/{id}/resume', '/paper-sessions/{id}/stop', '/ui/paper',
        '/sweeps', '/sweeps/{id}', '/sweeps/{id}/keep', '/sweeps/{id}/cancel', '/evaluations', '/evaluations/{id}', '/evaluations/{id}/keep', '/evaluations/{id}/cancel',
      ].sort(),
    );
    expect(doc.paths['/backtests'].post.responses['202'].content['application/json'].schema.$ref).toMatch(/StartedRunsDto/);
    expect(Object.keys(doc.paths['/backtests/{id}/equity'].get.responses['200'].content)).toEqual(['application/json', 'text/csv']);
    expect(doc.components.securitySchemes['api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.components.schemas.CreateBacktestDto.required).toEqual(expect.arrayContaining(['strategy', 'symbols', 'from', 'to']));
    const page = await api.http().get('/docs').expect(200);
    expect(page.text).toMatch(/swagger-ui/i);
  });
});
