import { createTestApi, TestApi, waitForStatus } from './support/api-app';
import { ScriptedChatServer, startScriptedChatServer } from '../src/modules/llm/testing/scripted-chat.server';
import { ruleFollowingAnswer } from '../src/modules/llm/testing/rule-following.script';

/** The llm mode through the REST API, against a real chat-completions server on loopback. */
describe('the llm mode over REST', () => {
  let api: TestApi;
  let server: ScriptedChatServer;

  beforeAll(async () => {
    api = await createTestApi();
    server = await startScriptedChatServer((r) => ({ ...ruleFollowingAnswer(r), delayMs: 2 }));
  });

  afterAll(async () => {
    await server.close();
    await api.close();
  });

  const body = (llm: Record<string, unknown>) => ({ strategy: 'tradinggroup', symbols: ['AAPL'], from: '2014-01-02', to: '2014-02-28', mode: 'llm', llm });

  it('runs a backtest on the model and answers its usage per agent', async () => {
    const res = await api.http().post('/backtests').send(body({ baseUrl: server.baseUrl, model: 'scripted', concurrency: 2 })).expect(202);
    const run = await waitForStatus(api, res.body.id, ['done', 'failed', 'budget_exceeded']);
    expect(run).toMatchObject({ status: 'done', mode: 'llm' });
    const usage = (await api.http().get(`/backtests/${run.id}/llm-usage`).expect(200)).body;
    expect(usage).toMatchObject({ mode: 'llm', calls: server.requests.length, requests: server.requests.length, fallbacks: 0 });
    expect(usage.agents.map((a: { agent: string }) => a.agent)).toEqual(['decision', 'forecast', 'reflection', 'style']);
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
  });

  it('stops a run at its budget as budget_exceeded with the reason', async () => {
    const res = await api.http().post('/backtests').send(body({ baseUrl: server.baseUrl, model: 'scripted', maxCalls: 5 })).expect(202);
    const run = await waitForStatus(api, res.body.id, ['done', 'failed', 'budget_exceeded']);
    expect(run).toMatchObject({ status: 'budget_exceeded', error: expect.stringContaining('call budget of 5') });
    const usage = (await api.http().get(`/backtests/${run.id}/llm-usage`).expect(200)).body;
    expect(usage.requests).toBe(5);
    expect(usage.fallbacks).toBeNull();
  });

  it('cancels an llm run waiting on the model at once, aborting its requests', async () => {
    const slow = await startScriptedChatServer(() => ({ hang: true }));
    try {
      const res = await api.http().post('/backtests').send(body({ baseUrl: slow.baseUrl, model: 'scripted' })).expect(202);
      while (slow.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
      const started = performance.now();
      await api.http().post(`/backtests/${res.body.id}/cancel`).expect(200);
      expect(performance.now() - started).toBeLessThan(1000);
      const run = await waitForStatus(api, res.body.id, ['cancelled', 'failed', 'done']);
      expect(run.status).toBe('cancelled');
      // The server sees every connection closed: nothing waits on the model any more.
      await new Promise((r) => setTimeout(r, 100));
      expect(slow.maxInFlight()).toBeGreaterThan(0);
      expect(slow.inFlight()).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('answers 400 naming the llm field at fault', async () => {
    const bad = await api.http().post('/backtests').send(body({ baseUrl: server.baseUrl, model: 'scripted', concurrency: 0 })).expect(400);
    expect(bad.body.field).toBe('llm.concurrency');
    const secret = await api.http().post('/backtests').send(body({ baseUrl: 'http://user:pw@127.0.0.1:1/v1', model: 'x' })).expect(400);
    expect(secret.body.message).toMatch(/no credentials in the URL/);
  });
});
