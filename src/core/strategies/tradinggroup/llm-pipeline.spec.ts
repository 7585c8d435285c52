import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentOutput } from '../../agents/agent';
import { PLAIN } from '../../agents/llm/anonymizer';
import { LlmRuntime } from '../../agents/llm/llm-runtime';
import { parsePromptTemplate } from '../../agents/llm/prompt-template';
import { DEFAULT_ENGINE_CONFIG } from '../../engine/engine-config';
import { runBacktest, runBacktestAsync } from '../../engine/engine';
import { truncateSeries } from '../../market/bar-series';
import { DAY_MS } from '../../market/dates';
import { LLM_AGENTS, ChatModel } from '../../ports/chat-model.port';
import { fixtureInputs } from '../../synthesis/synthesis.fixture';
import { randomWalkSeries } from '../../testing/random-walk';
import { ScriptedChatModel, UNAVAILABLE, validAnswer } from '../../testing/scripted-chat.model';
import { createStrategy } from '../registry';

const PROMPTS = join(__dirname, '..', '..', '..', '..', 'strategies', 'prompts');
const TEMPLATES = Object.fromEntries(LLM_AGENTS.map((a) => [a, parsePromptTemplate(readFileSync(join(PROMPTS, `${a}.md`), 'utf8'), `${a}.md`)])) as LlmRuntime['templates'];

const BARS = 200;
const series = randomWalkSeries(BARS, 11);
const inputs = fixtureInputs(series.time[0], Math.round((series.time[BARS - 1] - series.time[0]) / DAY_MS) + 1);

/** An llm run over the first `endBar` bars (the later bars do not exist for it). */
function runLlm(chat: ChatModel, endBar = BARS, params: Record<string, unknown> = {}) {
  const strategy = createStrategy('tradinggroup', params);
  const bars = truncateSeries(series, endBar);
  return runBacktestAsync(bars, strategy, DEFAULT_ENGINE_CONFIG, { startBar: 60, endBar }, {}, inputs, { llm: { chat, templates: TEMPLATES, anonymizer: PLAIN } });
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('TradingGroup on a language model', () => {
  it('asks every agent, each prompt showing only data published by its decision', async () => {
    const chat = new ScriptedChatModel(validAnswer);
    const result = await runLlm(chat);
    const asked = new Set(chat.calls.map((c) => c.agent));
    expect([...asked].sort()).toEqual(['decision', 'forecast', 'news', 'reflection', 'report', 'style']);
    for (const c of chat.calls) expect(Math.max(...c.shows)).toBeLessThanOrEqual(c.decidedAt);
    // The model's answers are what the trace records.
    const styles = result.trace.filter((e) => e.agent === 'style').map((e) => (e.output as AgentOutput<{ style: string }>).data.style);
    expect(new Set(styles)).toEqual(new Set(['aggressive']));
    expect(result.trades.length).toBeGreaterThan(0);
  });

  it('shows the reflection\'s lessons in the next prompts of the forecasting, style and decision agents', async () => {
    const chat = new ScriptedChatModel(validAnswer);
    await runLlm(chat);
    const firstReflection = chat.calls.findIndex((c) => c.agent === 'reflection');
    expect(firstReflection).toBeGreaterThan(0);
    const later = chat.calls.slice(firstReflection + 1);
    expect(later.find((c) => c.agent === 'forecast')!.messages[1].content).toContain('f lesson');
    expect(later.find((c) => c.agent === 'style')!.messages[1].content).toContain('s lesson');
    expect(later.find((c) => c.agent === 'decision')!.messages[1].content).toContain('d lesson');
  });

  it('decides the same up to a bar whether or not the later bars exist (news and reports asked ahead are used at their own session only)', async () => {
    const full = await runLlm(new ScriptedChatModel(validAnswer));
    const cut = await runLlm(new ScriptedChatModel(validAnswer), 150);
    const upTo = (trace: typeof full.trace) => plain(trace.filter((e) => e.bar < 149));
    expect(upTo(cut.trace)).toEqual(upTo(full.trace));
    expect(plain(cut.orders.filter((o) => o.signalBar < 149))).toEqual(plain(full.orders.filter((o) => o.signalBar < 149)));
  });

  it('falls back to the analytic agents, flagged with the reason, when the model never answers: the trades are the analytic run\'s', async () => {
    const result = await runLlm(new ScriptedChatModel(UNAVAILABLE));
    const analytic = runBacktest(series, createStrategy('tradinggroup'), DEFAULT_ENGINE_CONFIG, { startBar: 60, endBar: BARS }, {}, inputs);
    expect(plain(result.orders)).toEqual(plain(analytic.orders));
    const decisions = result.trace.filter((e) => e.agent === 'decision').map((e) => e.output as AgentOutput<unknown>);
    expect(decisions.every((d) => d.flags.includes('fallback') && d.rationale.startsWith('fallback to the analytic agent (the server is down'))).toBe(true);
  });

  it('keeps an agent analytic when the strategy file says so', async () => {
    const chat = new ScriptedChatModel(validAnswer);
    await runLlm(chat, BARS, { llm: { agents: { decision: { mode: 'analytic' }, news: { mode: 'analytic', model: 'other' } } } });
    const asked = new Set(chat.calls.map((c) => c.agent));
    expect(asked.has('decision')).toBe(false);
    expect(asked.has('news')).toBe(false);
    expect(asked.has('forecast')).toBe(true);
  });

  it('asks a model named per agent in the strategy file', async () => {
    const chat = new ScriptedChatModel(validAnswer);
    await runLlm(chat, 120, { llm: { agents: { decision: { model: 'big-model' } } } });
    expect(new Set(chat.calls.filter((c) => c.agent === 'decision').map((c) => c.model))).toEqual(new Set(['big-model']));
    expect(new Set(chat.calls.filter((c) => c.agent === 'forecast').map((c) => c.model))).toEqual(new Set([undefined]));
  });
});
