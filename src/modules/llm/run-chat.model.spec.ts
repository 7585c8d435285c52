import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ChatCall, ChatUnavailableError } from '../../core/ports/chat-model.port';
import { LlmRunOptions } from '../../core/engine/run-spec';
import { createDataSource } from '../persistence/data-source.factory';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';
import { BudgetExceededError } from './llm-budget';
import { OpenAiChatProvider } from './openai-chat.provider';
import { RetryPolicy } from './retry.policy';
import { MissingExchangeError, RunChatModel } from './run-chat.model';
import { ChatScript, ScriptedChatServer, startScriptedChatServer } from './testing/scripted-chat.server';
import { json } from './testing/rule-following.script';

const DAY = Date.UTC(2014, 0, 2, 21);
const FAST: RetryPolicy = { retries: 2, baseDelayMs: 20, maxDelayMs: 100 };

function call(n: number, agent: ChatCall['agent'] = 'news'): ChatCall {
  return {
    agent,
    decidedAt: DAY + n * 86_400_000,
    shows: [DAY],
    attempt: 'first',
    model: undefined,
    temperature: 0,
    maxTokens: 50,
    messages: [{ role: 'user', content: `question ${n}` }],
    schema: { name: 'probe', schema: { type: 'object' } },
  };
}

describe('the chat model of an llm run, against a real chat-completions server', () => {
  let dir: string;
  let db: DataSource;
  let exchanges: LlmExchangesRepository;
  let server: ScriptedChatServer | null = null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tg-llm-'));
    db = await createDataSource(join(dir, 'runs.sqlite'));
    exchanges = new LlmExchangesRepository(db);
  });

  afterEach(async () => {
    await server?.close();
    server = null;
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function model(script: ChatScript, options: Partial<LlmRunOptions> = {}, runId = 'run-a', retry = FAST): Promise<RunChatModel> {
    server ??= await startScriptedChatServer(script);
    const llm: LlmRunOptions = { baseUrl: server.baseUrl, model: 'scripted', concurrency: 4, anonymize: false, cache: 'off', timeoutMs: 2000, retries: retry.retries, ...options };
    return new RunChatModel({ runId, llm, provider: new OpenAiChatProvider(llm.baseUrl, undefined, llm.timeoutMs), exchanges, recorded: await exchanges.outcomesForRun(runId), prices: { scripted: { input: 1, output: 2 } }, retry });
  }

  it('waits as long as a 429 asks (Retry-After) before trying again, then answers', async () => {
    const chat = await model((r) => (r.index === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } } : json({ ok: 1 })));
    expect(await chat.complete(call(1))).toEqual({ content: '{"ok":1}' });
    await chat.flush();
    const [first, second] = server!.requests;
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
    const [record] = await exchanges.forRun('run-a');
    expect(record).toMatchObject({ outcome: 'answer', requests: 2, source: 'live' });
    expect(chat.budget.calls).toBe(2);
  });

  it('retries a 500 with backoff and, after the last retry, records why the model gave no answer', async () => {
    const chat = await model(() => ({ status: 500, body: { error: { message: 'boom' } } }));
    await expect(chat.complete(call(1))).rejects.toEqual(new ChatUnavailableError('HTTP 500: 500 boom (after 3 attempts)'));
    await chat.flush();
    expect(server!.requests).toHaveLength(3);
    const gaps = server!.requests.slice(1).map((r, i) => r.at - server!.requests[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect((await exchanges.forRun('run-a'))[0]).toMatchObject({ outcome: 'unavailable', error: 'HTTP 500: 500 boom (after 3 attempts)', requests: 3 });
  });

  it('does not retry a client error other than 429', async () => {
    const chat = await model(() => ({ status: 400, body: { error: { message: 'bad schema' } } }));
    await expect(chat.complete(call(1))).rejects.toBeInstanceOf(ChatUnavailableError);
    expect(server!.requests).toHaveLength(1);
  });

  it('retries a request that times out', async () => {
    const chat = await model((r) => (r.index === 0 ? { hang: true } : json({ ok: 2 })), { timeoutMs: 300 });
    const started = performance.now();
    expect(await chat.complete(call(1))).toEqual({ content: '{"ok":2}' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(server!.requests).toHaveLength(2);
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    const chat = await model(() => ({ ...json({ ok: 3 }), delayMs: 40 }), { concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => chat.complete(call(i))));
    expect(server!.requests).toHaveLength(20);
    expect(server!.maxInFlight()).toBe(3);
    expect(chat.gate.maxActive).toBe(3);
  });

  it('stops before a request past the call budget: the server sees no more requests than the budget', async () => {
    const chat = await model(() => json({ ok: 4 }), { maxCalls: 3 });
    for (let i = 0; i < 3; i++) await chat.complete(call(i));
    await expect(chat.complete(call(3))).rejects.toBeInstanceOf(BudgetExceededError);
    await chat.flush();
    expect(server!.requests).toHaveLength(3);
    expect(await exchanges.forRun('run-a')).toHaveLength(3);
  });

  it('stops before a request whose worst case could pass the token budget', async () => {
    const chat = await model(() => json({ ok: 5 }), { maxTokens: 150 });
    await chat.complete(call(1)); // worst case about 40 + 50 tokens, used about 10
    await expect(chat.complete({ ...call(2), messages: [{ role: 'user', content: 'x'.repeat(200) }] })).rejects.toThrow(/token budget of 150/);
    expect(server!.requests).toHaveLength(1);
  });

  it('asks once for identical requests of a run', async () => {
    const chat = await model(() => json({ ok: 6 }));
    const answers = await Promise.all([chat.complete(call(1)), chat.complete(call(1)), chat.complete(call(1))]);
    expect(new Set(answers.map((a) => a.content)).size).toBe(1);
    expect(server!.requests).toHaveLength(1);
  });

  it('replays from the record alone, and names the agent and day of a request it never recorded', async () => {
    const live = await model((r) => (r.body.messages[0].content === 'question 2' ? { status: 503, body: {} } : json({ n: r.index })), { retries: 0 }, 'run-a', { ...FAST, retries: 0 });
    const first = await live.complete(call(1));
    await expect(live.complete(call(2))).rejects.toBeInstanceOf(ChatUnavailableError);
    await live.flush();
    await server!.close();
    server = null;
    const recorded = await exchanges.outcomesForRun('run-a');
    const replay = new RunChatModel({ runId: 'run-a', llm: { baseUrl: 'http://127.0.0.1:1/v1', model: 'scripted', concurrency: 1, anonymize: false, cache: 'off', timeoutMs: 100, retries: 0 }, provider: null, exchanges, recorded, prices: {}, retry: FAST });
    expect(await replay.complete(call(1))).toEqual(first);
    await expect(replay.complete(call(2))).rejects.toEqual(new ChatUnavailableError(recorded[1].error!));
    const missing = replay.complete(call(3, 'decision'));
    await expect(missing).rejects.toBeInstanceOf(MissingExchangeError);
    await expect(missing).rejects.toThrow(/^no recorded exchange for the decision agent on 2014-01-05 \(first request [0-9a-f]{12}\)/);
  });

  it('with the cache on, answers a new run\'s identical request from an earlier run\'s record', async () => {
    const a = await model(() => json({ from: 'a' }), {}, 'run-a');
    await a.complete(call(1));
    await a.flush();
    const b = await model(() => json({ from: 'b' }), { cache: 'reuse' }, 'run-b');
    expect(await b.complete(call(1))).toEqual({ content: '{"from":"a"}' });
    expect(await b.complete(call(2))).toEqual({ content: '{"from":"a"}' });
    await b.flush();
    expect(server!.requests).toHaveLength(2);
    expect((await exchanges.forRun('run-b')).map((r) => r.source)).toEqual(['cache', 'live']);
  });
});
