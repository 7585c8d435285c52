import { SchedulerRegistry } from '@nestjs/schedule';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { executeBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import { RunSpec } from '../src/core/engine/run-spec';
import { isoDay } from '../src/core/market/dates';
import { DataService } from '../src/modules/data/data.service';
import { PaperScheduler } from '../src/modules/paper/paper-scheduler.service';
import { LlmExchangesRepository } from '../src/modules/persistence/llm-exchanges.repository';
import { ruleFollowingAnswer } from '../src/modules/llm/testing/rule-following.script';
import { ScriptedChatServer, startScriptedChatServer } from '../src/modules/llm/testing/scripted-chat.server';
import { createTestApi, TestApi, waitForStatus } from './support/api-app';

/** Paper sessions over REST on the real application; ticks are driven by invoking each session's job. */
describe('paper sessions (REST)', () => {
  let api: TestApi;
  let scheduler: PaperScheduler;

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_PAPER_SCAN_MS: '100' } });
    scheduler = api.app.get(PaperScheduler);
  });
  afterAll(() => api.close());

  /** Starts a session that never ticks on its own (a yearly cron), and waits until the server holds it. */
  async function start(body: Record<string, unknown>): Promise<any> {
    const res = await api.http().post('/paper-sessions').send({ cron: '0 0 1 1 *', ...body }).expect(201);
    const until = Date.now() + 10_000;
    while (!api.app.get(SchedulerRegistry).doesExist('cron', `paper:${res.body.id}`)) {
      if (Date.now() > until) throw new Error(`the server did not pick up ${res.body.id}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return res.body;
  }

  async function tickUntilEnded(id: string): Promise<number> {
    let ticks = 0;
    for (;;) {
      const report = await scheduler.runJob(id);
      if (report === null) return ticks;
      ticks++;
    }
  }

  it('starts a session, picks it up with one cron job, and trades each bar as the backtest of the same bars', async () => {
    const session = await start({ strategy: 'sma-cross', feed: 'replay:AAPL', from: '2016-01-04', to: '2016-06-30' });
    expect(session).toMatchObject({ status: 'active', symbols: ['AAPL'], barsProcessed: 0, schedule: 'cron "0 0 1 1 *" (America/New_York)' });
    expect(api.app.get(SchedulerRegistry).doesExist('cron', `paper:${session.id}`)).toBe(true);

    expect(await tickUntilEnded(session.id)).toBe(125);
    expect(api.app.get(SchedulerRegistry).doesExist('cron', `paper:${session.id}`)).toBe(false);
    const done = (await api.http().get(`/paper-sessions/${session.id}`).expect(200)).body;
    expect(done).toMatchObject({ status: 'done', barsProcessed: 125, firstBar: '2016-01-04', lastBar: '2016-06-30', nextTickAt: null });

    const spec = RunSpec.parse({ strategy: { name: 'sma-cross', kind: 'sma-cross' }, symbol: 'AAPL', from: '2016-01-04', to: '2016-06-30' });
    const backtest = executeBacktest(resolveRun(spec), api.app.get(DataService).loadSymbol('AAPL', { adjust: 'auto' }).series).result;
    const orders = (await api.http().get(`/paper-sessions/${session.id}/orders`).expect(200)).body;
    expect(orders.map((o: any) => [o.id, o.decided, o.side, o.quantity, o.status, o.closedOn, o.fill?.price ?? null, o.fill?.commission ?? 0])).toEqual(
      backtest.orders.map((o) => [o.id, isoDay(o.signalTime), o.side, o.requestedQty, o.status, isoDay(o.eventTime), Number.isNaN(o.price) ? null : o.price, o.commission]),
    );
    const equity = (await api.http().get(`/paper-sessions/${session.id}/equity`).expect(200)).body;
    expect(equity.map((e: any) => [e.date, e.equity])).toEqual(Array.from(backtest.time, (t, i) => [isoDay(t), backtest.equity[i]]));
    expect(done.equity).toBe(backtest.equity[backtest.equity.length - 1]);

    const positions = (await api.http().get(`/paper-sessions/${session.id}/positions`).expect(200)).body;
    expect(positions).toEqual([expect.objectContaining({ symbol: 'AAPL', asOf: '2016-06-30', quantity: 0, equity: done.equity })]);
    const ticks = (await api.http().get(`/paper-sessions/${session.id}/ticks`).expect(200)).body;
    expect(ticks).toHaveLength(100);
    expect(ticks.map((t: any) => t.outcome)).toEqual(Array(100).fill('processed'));
    expect(ticks.map((t: any) => t.bar).reverse()).toEqual(equity.slice(-100).map((e: any) => e.date));
  });

  it('serves the report of a session as HTML', async () => {
    const [session] = (await api.http().get('/paper-sessions?status=done').expect(200)).body;
    const res = await api.http().get(`/paper-sessions/${session.id}/report`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('sma-cross on AAPL 2016-01-04..2016-06-30');
    const bad = await api.http().get(`/paper-sessions/${session.id}/report?symbol=MSFT`).expect(400);
    expect(bad.body.field).toBe('symbol');
  });

  it('records the agents of a TradingGroup session and answers them by day and agent', async () => {
    const session = await start({ strategy: 'tradinggroup', feed: 'replay:AAPL', from: '2016-01-04', to: '2016-01-15' });
    expect(await tickUntilEnded(session.id)).toBe(10);
    const decisions = (await api.http().get(`/paper-sessions/${session.id}/decisions?date=2016-01-08&agent=decision`).expect(200)).body;
    expect(decisions).toEqual([expect.objectContaining({ symbol: 'AAPL', date: '2016-01-08', agent: 'decision' })]);
    expect(decisions[0].output.data.action).toMatch(/^(BUY|SELL|HOLD)$/);
  });

  it('records a tick that comes while the previous one runs as skipped', async () => {
    const session = await start({ strategy: 'tradinggroup', feed: 'replay:AAPL', from: '2016-02-01', to: '2016-02-29' });
    const [first, second] = await Promise.all([scheduler.runJob(session.id), scheduler.runJob(session.id)]);
    expect([first!.outcome, second!.outcome].sort()).toEqual(['processed', 'skipped']);
    const ticks = (await api.http().get(`/paper-sessions/${session.id}/ticks`).expect(200)).body;
    expect(ticks).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'skipped', note: 'the previous tick was still running' })]));
    expect((await api.http().get(`/paper-sessions/${session.id}`).expect(200)).body.barsProcessed).toBe(1);
    await api.http().post(`/paper-sessions/${session.id}/stop`).expect(200);
  });

  it('keeps a session whose feed fails running, then pauses it after its maximum of failed ticks and says why', async () => {
    const session = await start({ strategy: 'sma-cross', feed: 'replay:SPX', from: '2016-01-04', maxFailures: 2 });
    expect((await scheduler.runJob(session.id))!.outcome).toBe('processed');
    const file = join(api.env.TRADINGGROUP_DATA_DIR, 'prices', 'SPX.csv');
    renameSync(file, `${file}.away`);
    try {
      const failed = await scheduler.runJob(session.id);
      expect(failed!.outcome).toBe('skipped');
      expect(failed!.note).toMatch(/^feed replay:SPX: /);
      let s = (await api.http().get(`/paper-sessions/${session.id}`).expect(200)).body;
      expect(s).toMatchObject({ status: 'active', consecutiveFailures: 1, lastTickOutcome: 'skipped', barsProcessed: 1 });
      await scheduler.runJob(session.id);
      s = (await api.http().get(`/paper-sessions/${session.id}`).expect(200)).body;
      expect(s.status).toBe('paused');
      expect(s.statusReason).toMatch(/^paused after 2 consecutive failed ticks: feed replay:SPX: /);
    } finally {
      renameSync(`${file}.away`, file);
    }
    await api.http().post(`/paper-sessions/${session.id}/resume`).expect(200);
    const until = Date.now() + 10_000;
    while (!api.app.get(SchedulerRegistry).doesExist('cron', `paper:${session.id}`) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect((await scheduler.runJob(session.id))!.processed).toEqual(['2016-01-05']);
    const s = (await api.http().get(`/paper-sessions/${session.id}`).expect(200)).body;
    expect(s).toMatchObject({ status: 'active', consecutiveFailures: 0, barsProcessed: 2 });
    await api.http().post(`/paper-sessions/${session.id}/stop`).expect(200);
  });

  it('pauses, resumes and stops, answering 409 for a move the status does not allow and 404 for an unknown id', async () => {
    const session = await start({ strategy: 'buy-and-hold', feed: 'replay:AAPL', from: '2016-01-04' });
    const paused = (await api.http().post(`/paper-sessions/${session.id}/pause`).expect(200)).body;
    expect(paused).toMatchObject({ status: 'paused', statusReason: 'paused by the user' });
    const conflict = (await api.http().post(`/paper-sessions/${session.id}/pause`).expect(409)).body;
    expect(conflict.message).toBe(`session ${session.id} is paused: only an active session can be paused`);
    await api.http().post(`/paper-sessions/${session.id}/resume`).expect(200);
    await api.http().post(`/paper-sessions/${session.id}/stop`).expect(200);
    await api.http().post(`/paper-sessions/${session.id}/resume`).expect(409);
    for (const path of ['', '/orders', '/positions', '/equity', '/decisions', '/ticks', '/report']) await api.http().get(`/paper-sessions/paper-nope${path}`).expect(404);
    for (const action of ['pause', 'resume', 'stop']) await api.http().post(`/paper-sessions/paper-nope/${action}`).expect(404);
  });

  it.each([
    [{ feed: 'replay:AAPL', from: '2016-01-04' }, 'cron', { cron: undefined }],
    [{ feed: 'replay:AAPL', from: '2016-01-04', cron: 'every day' }, 'cron', {}],
    [{ feed: 'replay:AAPL', from: '2016-01-04', tickEvery: 'soon', cron: undefined }, 'tickEvery', {}],
    [{ feed: 'replay:AAPL' }, 'from', {}],
    [{ feed: 'nasdaq', symbols: ['AAPL'] }, 'feed', {}],
    [{ feed: 'replay:AAPL', from: '2016-13-01' }, 'from', {}],
    [{ feed: 'replay', symbols: ['MSFT'], from: '2016-01-04' }, 'symbols', {}],
    [{ feed: 'replay:AAPL', from: '2016-01-04', params: { fast: -3 } }, 'params.fast', {}],
    [{ feed: 'replay:AAPL', from: '2016-01-04', strategy: 'no-such-strategy' }, 'strategy', {}],
    [{ feed: 'replay:AAPL', from: '2016-01-04', broker: 'nyse' }, 'broker', {}],
    [{ feed: 'replay:AAPL', from: '2016-01-04', wat: 1 }, 'wat', {}],
  ])('answers 400 naming the field for a bad body (%j)', async (body, field, remove) => {
    const sent: Record<string, unknown> = { strategy: 'sma-cross', cron: '0 0 1 1 *', ...body, ...remove };
    for (const [k, v] of Object.entries(sent)) if (v === undefined) delete sent[k];
    const before = (await api.http().get('/paper-sessions').expect(200)).body.length;
    const res = await api.http().post('/paper-sessions').send(sent).expect(400);
    expect(res.body.field).toBe(field);
    expect((await api.http().get('/paper-sessions').expect(200)).body.length).toBe(before);
  });

  it('serves the paper page as one self-contained HTML document', async () => {
    const res = await api.http().get('/ui/paper').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain("connect-src 'self'");
    expect(res.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
  });

  it('documents every paper route in the OpenAPI document', async () => {
    const doc = (await api.http().get('/docs-json').expect(200)).body;
    for (const path of ['/paper-sessions', '/paper-sessions/{id}', '/paper-sessions/{id}/orders', '/paper-sessions/{id}/positions', '/paper-sessions/{id}/equity', '/paper-sessions/{id}/decisions', '/paper-sessions/{id}/report', '/paper-sessions/{id}/pause', '/paper-sessions/{id}/resume', '/paper-sessions/{id}/stop', '/ui/paper']) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(Object.keys(doc.paths['/paper-sessions'].post.responses).sort()).toEqual(['201', '400', '401', '413', '415', '429', '500', '502']);
    expect(doc.components.schemas.CreatePaperSessionDto.additionalProperties).toBe(false);
    expect(Object.keys(doc.paths['/paper-sessions/{id}/report'].get.responses['200'].content)).toEqual(['text/html']);
    expect(doc.paths['/paper-sessions/{id}/pause'].post.security).toEqual([{ 'api-key': [] }]);
  });
});

describe('paper sessions (REST) with API keys', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_API_KEYS: 'k1', TRADINGGROUP_PAPER_SCAN_MS: '100000' } });
  });
  afterAll(() => api.close());

  it('needs a key to start, pause, resume and stop a session; reads stay open', async () => {
    const body = { strategy: 'buy-and-hold', feed: 'replay:AAPL', from: '2016-01-04', cron: '0 0 1 1 *' };
    expect((await api.http().post('/paper-sessions').send(body).expect(401)).body.message).toBe('X-API-Key: this route needs an API key');
    const session = (await api.http().post('/paper-sessions').set('X-API-Key', 'k1').send(body).expect(201)).body;
    await api.http().get(`/paper-sessions/${session.id}`).expect(200);
    for (const action of ['pause', 'resume', 'stop']) {
      await api.http().post(`/paper-sessions/${session.id}/${action}`).expect(401);
      await api.http().post(`/paper-sessions/${session.id}/${action}`).set('X-API-Key', 'wrong').expect(401);
      await api.http().post(`/paper-sessions/${session.id}/${action}`).set('X-API-Key', 'k1').expect(200);
    }
  });
});

describe('llm paper sessions (REST)', () => {
  let api: TestApi;
  let server: ScriptedChatServer;
  let scheduler: PaperScheduler;

  beforeAll(async () => {
    server = await startScriptedChatServer((r) => ruleFollowingAnswer(r));
    api = await createTestApi({ env: { TRADINGGROUP_PAPER_SCAN_MS: '100' } });
    scheduler = api.app.get(PaperScheduler);
  });
  afterAll(async () => {
    await api.close();
    await server.close();
  });

  async function start(body: Record<string, unknown>): Promise<string> {
    const res = await api.http().post('/paper-sessions').send({ strategy: 'tradinggroup', feed: 'replay:AAPL', cron: '0 0 1 1 *', mode: 'llm', ...body }).expect(201);
    const registry = api.app.get(SchedulerRegistry);
    while (!registry.doesExist('cron', `paper:${res.body.id}`)) await new Promise((r) => setTimeout(r, 20));
    return res.body.id;
  }

  it('asks the model only about each new bar, records every exchange under the session, and reports offline as the llm backtest trades', async () => {
    const id = await start({ from: '2016-01-04', to: '2016-01-15', llm: { baseUrl: server.baseUrl, model: 'scripted' } });
    const asked: number[] = [];
    for (let report = await scheduler.runJob(id); report !== null; report = await scheduler.runJob(id)) asked.push(server.requests.length);
    expect(asked).toHaveLength(10);
    // Each tick asks about its own bar only: the earlier bars are answered from the session's record.
    const prompts = server.requests.map((r) => JSON.stringify(r.body.messages));
    expect(new Set(prompts).size).toBe(prompts.length);
    const exchanges = await api.app.get(LlmExchangesRepository).forRun(id);
    expect(exchanges.length).toBe(server.requests.length);
    expect(exchanges.every((e) => e.source === 'live')).toBe(true);

    const backtest = (await api.http().post('/backtests').send({ strategy: 'tradinggroup', symbols: ['AAPL'], from: '2016-01-04', to: '2016-01-15', mode: 'llm', llm: { baseUrl: server.baseUrl, model: 'scripted' } }).expect(202)).body;
    const run = await waitForStatus(api, backtest.id, ['done', 'failed']);
    expect(run.status).toBe('done');
    const equity = (await api.http().get(`/backtests/${backtest.id}/equity`).expect(200)).body.columns;
    const paperEquity = (await api.http().get(`/paper-sessions/${id}/equity`).expect(200)).body;
    expect(paperEquity.map((e: any) => e.equity)).toEqual(equity.equity);
    const decisions = (await api.http().get(`/paper-sessions/${id}/decisions?agent=decision`).expect(200)).body;
    const runDecisions = (await api.http().get(`/backtests/${backtest.id}/decisions?agent=decision`).expect(200)).body;
    expect(decisions.length).toBe(10);
    expect(decisions.map((d: any) => [d.date, d.output])).toEqual(runDecisions.items.map((d: any) => [d.date, d.output]));

    const before = server.requests.length;
    await server.close();
    const report = await api.http().get(`/paper-sessions/${id}/report`).expect(200);
    expect(report.text).toContain('tradinggroup on AAPL 2016-01-04..2016-01-15');
    expect(server.requests.length).toBe(before);
    server = await startScriptedChatServer((r) => ruleFollowingAnswer(r));
  });

  it('pauses a session whose llm call budget is used up, and says so', async () => {
    const before = server.requests.length;
    const id = await start({ from: '2016-01-04', to: '2016-01-15', llm: { baseUrl: server.baseUrl, model: 'scripted', maxCalls: 12 } });
    let report = await scheduler.runJob(id);
    while (report !== null && report.outcome === 'processed') report = await scheduler.runJob(id);
    const session = (await api.http().get(`/paper-sessions/${id}`).expect(200)).body;
    expect(session.status).toBe('paused');
    expect(session.statusReason).toMatch(/^paused: llm budget: the call budget of 12 requests is used up/);
    expect(server.requests.length - before).toBe(12);
    expect(session.barsProcessed).toBeGreaterThan(0);
  });
});
