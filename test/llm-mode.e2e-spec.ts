import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliResult, cliSandbox, CliSandbox, jsonOf, runCliAsync } from './support/cli-runner';
import { ScriptedChatServer, SeenRequest, startScriptedChatServer } from '../src/modules/llm/testing/scripted-chat.server';
import { json, ruleFollowingAnswer } from '../src/modules/llm/testing/rule-following.script';

/*
 * The llm mode end to end: the real CLI against a real chat-completions server on loopback that
 * answers from a script (no model weights here), on the bundled sample data.
 */
describe('the llm mode from the command line', () => {
  let box: CliSandbox;
  let server: ScriptedChatServer;
  let env: Record<string, string>;
  const cli = (...args: string[]): Promise<CliResult> => runCliAsync(args, box.dir, env);
  const WINDOW = ['--symbol', 'AAPL', '--from', '2014-01-02', '--to', '2014-03-31'];

  beforeAll(async () => {
    box = cliSandbox('tg-llm-');
    expect(box.cli('data', 'setup').status).toBe(0);
  });

  afterAll(() => box.remove());

  async function serve(script: (r: SeenRequest) => ReturnType<typeof ruleFollowingAnswer>): Promise<void> {
    server = await startScriptedChatServer(script);
    env = { ...box.env, TRADINGGROUP_LLM_BASE_URL: server.baseUrl, TRADINGGROUP_LLM_MODEL: 'scripted-8b', TRADINGGROUP_LLM_API_KEY: 'sk-test-secret' };
  }

  afterEach(async () => {
    await server?.close();
  });

  it('runs TradingGroup on the model, reports usage per agent, and replays offline with the identical result hash', async () => {
    await serve(ruleFollowingAnswer);
    const run = await cli('backtest', '--strategy', 'tradinggroup', '--mode', 'llm', ...WINDOW, '--json');
    expect(run.status).toBe(0);
    const done = jsonOf(run);
    expect(done.status).toBe('done');
    expect(done.manifest.spec.llm).toMatchObject({ baseUrl: server.baseUrl, model: 'scripted-8b', concurrency: 4 });
    expect(Object.keys(done.manifest.llm.prompts).sort()).toEqual(['decision', 'forecast', 'news', 'reflection', 'report', 'style']);
    expect(JSON.stringify(done)).not.toContain('sk-test-secret');
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer sk-test-secret')).toBe(true);
    expect(server.requests.every((r) => r.body.response_format?.type === 'json_schema' && r.body.response_format.json_schema?.strict === true)).toBe(true);

    const show = jsonOf(await cli('runs', 'show', done.id, '--json'));
    const byAgent = Object.fromEntries(show.llmUsage.agents.map((a: { agent: string }) => [a.agent, a]));
    const sessions = show.metrics.default.bars;
    expect(byAgent.decision.liveCalls).toBe(sessions);
    expect(byAgent.forecast.liveCalls).toBeGreaterThan(0);
    expect(show.llmUsage.liveCalls).toBe(server.requests.length);
    expect(show.llmUsage.fallbacks).toBe(0);
    const text = await cli('runs', 'show', done.id);
    expect(text.stdout).toMatch(/LLM usage[\s\S]*decision\s+\d+/);

    const decisions = jsonOf(await cli('runs', 'decisions', done.id, '--agent', 'decision', '--json'));
    expect(decisions[0].output.rationale).toMatch(/^the forecast is (up|down|sideways)$/);

    await server.close();
    const replay = await cli('replay', done.id);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toContain(`identical (result hash ${done.resultHash})`);
    expect(replay.status).toBe(0);
  });

  it('shows the model no ticker, alias or real date with --anonymize, and keeps the trace in real terms', async () => {
    await serve(ruleFollowingAnswer);
    const news = join(box.dir, 'apple-news.jsonl');
    const items = [
      { timestamp: '2014-01-06T15:00:00Z', symbol: 'AAPL', headline: '$AAPL Apple beats estimates; iPhone sales up on 2014-01-05', source: 'wire' },
      { timestamp: '2014-01-07T14:00:00Z', symbol: 'AAPL', headline: 'Analysts cut AAPL target to $500 ahead of fiscal 2014 results', source: 'wire' },
      { timestamp: '2014-02-03T18:00:00Z', symbol: 'AAPL', headline: 'apple shares slide as #aapl traders sell', source: 'tweets' },
    ];
    writeFileSync(news, items.map((i) => JSON.stringify(i)).join('\n'));
    const run = await cli('backtest', '--strategy', 'tradinggroup', '--mode', 'llm', '--anonymize', '--news', news, '--aliases', 'apple', ...WINDOW, '--json');
    expect(run.status).toBe(0);
    const done = jsonOf(run);
    expect(done.manifest.llm.anonymization).toMatchObject({ placeholder: 'ASSET', names: ['AAPL', 'apple'] });
    const prompts = server.requests.flatMap((r) => r.body.messages.map((m) => m.content));
    expect(server.requests.some((r) => r.agent === 'news_sentiment')).toBe(true);
    for (const p of prompts) {
      expect(p).not.toMatch(/aapl|apple(?!\w)/i);
      for (const date of p.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(date >= '2040-01-01').toBe(true);
      expect(p).not.toMatch(/(?<!\d)(2013|2014|2015|2016|2017|2018)(?!\d)/);
    }
    const trace = jsonOf(await cli('runs', 'decisions', done.id, '--json'));
    expect(trace[0].date).toBe('2014-01-02');
    expect(trace.every((r: { date: string }) => r.date < '2014-04-01')).toBe(true);
  });

  it('stops at the call budget as budget_exceeded, saying which budget, with no more requests than it allows', async () => {
    await serve(ruleFollowingAnswer);
    const run = await cli('backtest', '--strategy', 'tradinggroup', '--mode', 'llm', ...WINDOW, '--llm-max-calls', '10');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/call budget of 10 requests is used up/);
    expect(server.requests.length).toBeLessThanOrEqual(10);
    const [latest] = jsonOf(await cli('runs', 'list', '--limit', '1', '--json'));
    expect(latest).toMatchObject({ status: 'budget_exceeded', error: expect.stringContaining('--llm-max-calls') });
    const show = jsonOf(await cli('runs', 'show', latest.id, '--json'));
    expect(show.llmUsage.requests).toBe(server.requests.length);
  });

  it('falls back to the analytic decision after a malformed answer and one repair, and counts it', async () => {
    await serve((r) => (r.agent === 'decision' ? { content: 'BUY!' } : ruleFollowingAnswer(r)));
    const run = await cli('backtest', '--strategy', 'tradinggroup', '--mode', 'llm', ...WINDOW, '--json');
    expect(run.status).toBe(0);
    const done = jsonOf(run);
    const sessions = done.metrics.default.bars;
    expect(done.manifest.notes).toContain(`decision: fallback on ${sessions} bars`);
    const show = jsonOf(await cli('runs', 'show', done.id, '--json'));
    const decision = show.llmUsage.agents.find((a: { agent: string }) => a.agent === 'decision');
    expect(decision).toMatchObject({ liveCalls: 2 * sessions, repairs: sessions, fallbacks: sessions });
    const report = readFileSync(join(done.artifactsDir, 'report.html'), 'utf8');
    expect(report).toContain(`decision: fallback on ${sessions} bars`);
    expect(report).toMatch(new RegExp(`<tr><th scope="row">decision</th><td class="num">${2 * sessions}</td>.*<td class="num">${sessions}</td><td class="num">0</td><td class="num">${sessions}</td>`));
    const [first] = jsonOf(await cli('runs', 'decisions', done.id, '--agent', 'decision', '--json'));
    expect(first.output.flags).toContain('fallback');
    expect(first.output.rationale).toMatch(/^fallback to the analytic agent \(invalid answer after one repair request: not JSON/);
  });

  it('exports a run\'s exchanges and replays them in another database', async () => {
    await serve(ruleFollowingAnswer);
    const done = jsonOf(await cli('backtest', '--strategy', 'tradinggroup', '--mode', 'llm', ...WINDOW, '--json'));
    const file = join(box.dir, 'exchanges.jsonl');
    expect((await cli('llm', 'export', done.id, '--out', file)).status).toBe(0);
    await server.close();
    const other = ['--db', join(box.dir, 'colleague.sqlite')];
    const imported = await cli(...other, 'llm', 'import', file);
    expect(imported.stdout).toMatch(new RegExp(`\\d+ exchanges of run ${done.id} imported`));
    const replay = await cli(...other, 'replay', done.id);
    expect(replay.stdout).toContain('identical');
  });

  it('exports the prompts the model was sent and the answers it gave as post-training data', async () => {
    await serve(ruleFollowingAnswer);
    const done = jsonOf(await cli('backtest', '--strategy', 'tradinggroup', '--mode', 'llm', ...WINDOW, '--json'));
    const key = (messages: Array<{ role: string; content: string }>) => messages.slice(0, 2).map((m) => `${m.role}: ${m.content}`).join('\n');
    const answerOf = new Map(server.requests.map((r) => [key(r.body.messages), ruleFollowingAnswer(r).content]));
    const sft = join(box.dir, 'sft.jsonl');
    const exported = await cli('synth', 'export', done.id, '--format', 'sft', '--agents', 'forecast,style,decision', '--min-w-hit', '-1', '--max-regret', '1', '--out', sft, '--bare');
    expect(exported.status).toBe(0);
    const records = readFileSync(sft, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['messages']);
      expect(r.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(r.messages[2].content).toBe(answerOf.get(key(r.messages)));
    }
    const meta = readFileSync(join(box.dir, 'sft.meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(meta).toHaveLength(records.length);
    expect(meta.every((m: { metadata: { mode: string; run: string } }) => m.metadata.mode === 'llm' && m.metadata.run === done.id)).toBe(true);

    const pref = join(box.dir, 'pref.jsonl');
    expect((await cli('synth', 'export', done.id, '--format', 'preference', '--out', pref, '--bare')).status).toBe(0);
    const pairs = readFileSync(pref, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(pairs.length).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(Object.keys(p).sort()).toEqual(['chosen', 'prompt', 'rejected']);
      const model = answerOf.get(key(p.prompt));
      expect([p.chosen[0].content, p.rejected[0].content]).toContain(model);
    }
  });

  it('refuses the llm mode for a rule strategy and without a model endpoint, naming what is missing', async () => {
    await serve(ruleFollowingAnswer);
    const rule = await cli('backtest', '--strategy', 'sma-cross', '--mode', 'llm', ...WINDOW);
    expect(rule.status).not.toBe(0);
    expect(rule.stderr).toMatch(/mode: sma-cross is a rule strategy/);
    const bare = await runCliAsync(['backtest', '--strategy', 'tradinggroup', '--mode', 'llm', ...WINDOW], box.dir, { ...box.env, TRADINGGROUP_LLM_BASE_URL: '', TRADINGGROUP_LLM_MODEL: '' });
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toMatch(/TRADINGGROUP_LLM_BASE_URL/);
    expect(server.requests).toHaveLength(0);
  });

  it('checks an endpoint with one structured request', async () => {
    await serve((r) => (r.agent === 'check' ? json({ sum: 42, word: 'ready' }) : ruleFollowingAnswer(r)));
    const check = jsonOf(await cli('llm', 'check', '--json'));
    expect(check).toMatchObject({ ok: true, followsSchema: true, model: 'scripted-8b', promptTokens: expect.any(Number) });
    await server.close();
    const down = await cli('llm', 'check');
    expect(down.status).toBe(1);
    expect(down.stdout).toMatch(/Answered\s+no/);
  });
});
