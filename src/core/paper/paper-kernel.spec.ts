import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAIN } from '../agents/llm/anonymizer';
import { LlmRuntime } from '../agents/llm/llm-runtime';
import { parsePromptTemplate } from '../agents/llm/prompt-template';
import { DecisionTraceEntry } from '../engine/backtest-result';
import { executeBacktest, executeBacktestAsync, resolveRun, ResolvedRun } from '../engine/execute-backtest';
import { OrderRecord } from '../engine/orders';
import { RunSpec } from '../engine/run-spec';
import { BarSeries, truncateSeries } from '../market/bar-series';
import { DAY_MS, isoDay } from '../market/dates';
import { MarketInputs } from '../market/market-inputs';
import { NYSE_CALENDAR, sessionCloses } from '../market/session-clock';
import { LLM_AGENTS } from '../ports/chat-model.port';
import { fixtureInputs } from '../synthesis/synthesis.fixture';
import { barTable } from '../testing/bar-table';
import { randomWalkSeries } from '../testing/random-walk';
import { ScriptedChatModel, validAnswer } from '../testing/scripted-chat.model';
import { runSleeve } from './paper-kernel';
import { SessionDivergedError, SleeveEndedError, SleeveEquityPoint, sleeveStep } from './sleeve-step';

const PROMPTS = join(__dirname, '..', '..', '..', 'strategies', 'prompts');
const TEMPLATES = Object.fromEntries(LLM_AGENTS.map((a) => [a, parsePromptTemplate(readFileSync(join(PROMPTS, `${a}.md`), 'utf8'), `${a}.md`)])) as LlmRuntime['templates'];

const series = randomWalkSeries(320, 7);
const FROM = 200;

function resolved(kind: string, overrides: Partial<RunSpec> = {}): ResolvedRun {
  return resolveRun(
    RunSpec.parse({
      strategy: { name: kind, kind },
      symbol: series.symbol,
      from: isoDay(series.time[FROM]),
      to: isoDay(series.time[series.length - 1]),
      ...overrides,
    }),
  );
}

/** What a session stored, bar by bar, as the paper service stores it. */
interface Stored {
  orders: OrderRecord[];
  equity: SleeveEquityPoint[];
  decisions: DecisionTraceEntry[];
  memory: number;
}

/** News and earnings public at the close of bar `k`, as a feed would have handed them over by then. */
function inputsUpTo(all: MarketInputs, closes: Float64Array, k: number): MarketInputs {
  return { ...all, news: all.news.filter((n) => n.time <= closes[k]) };
}

/** A paper session over bars FROM..end of `bars`: one tick per bar, each running the sleeve again over every bar it has. */
async function paperSession(run: ResolvedRun, bars: BarSeries, options: { inputs?: MarketInputs; llm?: () => LlmRuntime } = {}): Promise<Stored> {
  const stored: Stored = { orders: [], equity: [], decisions: [], memory: 0 };
  const closes = sessionCloses(bars.time, NYSE_CALENDAR);
  for (let k = FROM; k < bars.length; k++) {
    const outcome = await runSleeve({
      resolved: run,
      bars: truncateSeries(bars, k + 1),
      startBar: FROM,
      inputs: options.inputs && inputsUpTo(options.inputs, closes, k),
      llm: options.llm?.(),
      final: k === bars.length - 1,
    });
    const step = sleeveStep({ orders: stored.orders, memoryCases: stored.memory }, outcome);
    for (const o of step.orders) stored.orders[o.id - 1] = o;
    stored.equity.push(step.equity);
    stored.decisions.push(...step.decisions);
    stored.memory += step.memory.length;
  }
  return stored;
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

function expectSameAsBacktest(paper: Stored, backtest: Awaited<ReturnType<typeof executeBacktestAsync>>): void {
  const r = backtest.result;
  expect(paper.orders).toEqual(r.orders);
  expect(paper.equity.map((p) => p.time)).toEqual(Array.from(r.time));
  expect(paper.equity.map((p) => p.equity)).toEqual(Array.from(r.equity));
  expect(paper.equity.map((p) => p.cash)).toEqual(Array.from(r.cash));
  expect(paper.equity.map((p) => p.position)).toEqual(Array.from(r.position));
  expect(plain(paper.decisions)).toEqual(plain(r.trace));
  expect(paper.memory).toBe(r.memory.length);
}

describe('paper kernel', () => {
  it.each(['sma-cross', 'bollinger', 'atr-band', 'turn-of-month', 'buy-and-hold'])('a session of %s over bars b1..bn trades exactly as the backtest over b1..bn', async (kind) => {
    const run = resolved(kind);
    const paper = await paperSession(run, series);
    const backtest = executeBacktest(run, series);
    expect(backtest.result.orders.length).toBeGreaterThan(0);
    expectSameAsBacktest(paper, backtest);
  });

  it('a TradingGroup session with news and earnings trades and records its agents exactly as the backtest', async () => {
    const run = resolved('tradinggroup');
    const inputs = fixtureInputs(series.time[0], Math.round((series.time[series.length - 1] - series.time[0]) / DAY_MS) + 1);
    const paper = await paperSession(run, series, { inputs });
    const backtest = executeBacktest(run, series, {}, inputs);
    expect(backtest.result.trace.length).toBeGreaterThan(500);
    expect(backtest.result.memory.length).toBeGreaterThan(50);
    expectSameAsBacktest(paper, backtest);
  });

  it('an llm session whose model answers alike at every tick trades exactly as the llm backtest', async () => {
    const run = resolved('tradinggroup', { mode: 'llm', llm: { baseUrl: 'http://127.0.0.1:1/v1', model: 'm', concurrency: 4, anonymize: false, cache: 'off', timeoutMs: 1000, retries: 0 } });
    const inputs = fixtureInputs(series.time[0], Math.round((series.time[series.length - 1] - series.time[0]) / DAY_MS) + 1);
    const llm = () => ({ chat: new ScriptedChatModel(validAnswer), templates: TEMPLATES, anonymizer: PLAIN });
    const bars = truncateSeries(series, FROM + 40);
    const paper = await paperSession(run, bars, { inputs, llm });
    const backtest = await executeBacktestAsync(run, bars, {}, inputs, llm());
    expect(backtest.result.orders.length).toBeGreaterThan(0);
    expectSameAsBacktest(paper, backtest);
  });

  it('leaves an order decided at the newest bar pending until the next bar opens', async () => {
    const run = resolved('sma-cross');
    const full = executeBacktest(run, series).result;
    const order = full.orders.find((o) => o.reason === 'signal')!;
    const upToSignal = await runSleeve({ resolved: run, bars: truncateSeries(series, order.signalBar + 1), startBar: FROM, final: false });
    const atSignal = upToSignal.result.orders.find((o) => o.id === order.id)!;
    expect(atSignal.status).toBe('pending');
    expect(atSignal.eventBar).toBe(-1);
    const nextBar = await runSleeve({ resolved: run, bars: truncateSeries(series, order.signalBar + 2), startBar: FROM, final: false });
    expect(nextBar.result.orders.find((o) => o.id === order.id)).toEqual(order);
  });

  it('keeps an open position at a bar that is not the last (no end-of-test exit)', async () => {
    const run = resolved('buy-and-hold');
    const outcome = await runSleeve({ resolved: run, bars: truncateSeries(series, FROM + 10), startBar: FROM, final: false });
    expect(outcome.account.position).toBeGreaterThan(0);
    expect(outcome.result.orders.every((o) => o.reason !== 'end-of-test')).toBe(true);
    const last = await runSleeve({ resolved: run, bars: truncateSeries(series, FROM + 10), startBar: FROM, final: true });
    expect(last.account.position).toBe(0);
    expect(last.result.orders.at(-1)!.reason).toBe('end-of-test');
  });

  it('refuses a run whose earlier orders differ from those stored (bars changed under the session)', async () => {
    const run = resolved('sma-cross');
    const full = executeBacktest(run, series).result;
    const filled = full.orders.filter((o) => o.status === 'filled' && o.reason === 'signal');
    const stored = filled.length > 1 ? full.orders.slice(0, filled[1].id) : [];
    const end = filled[1].eventBar + 1;
    const changed = { ...truncateSeries(series, end + 1), close: Float64Array.from(series.close.subarray(0, end + 1)) };
    for (let t = FROM; t <= end; t++) changed.close[t] *= 1.5;
    const outcome = await runSleeve({ resolved: run, bars: changed, startBar: FROM, final: false });
    expect(() => sleeveStep({ orders: stored, memoryCases: 0 }, outcome)).toThrow(SessionDivergedError);
  });

  it('ends a sleeve where its account is wiped out, as the backtest ends, and adds nothing after it', async () => {
    // Up, then down (sma-cross sells and goes short), then the price more than triples: the short
    // takes the equity below zero and, without a maintenance margin, the run ends at that close.
    const closes = [...Array(25).fill(100), 102, 104, 106, 108, 110, 108, 104, 100, 96, 92, 90, 90, 90, 90, 90, 300, 310, 320];
    const bars = barTable(closes.map((c) => [c, c, c, c] as const));
    const start = 21;
    const run = resolveRun(
      RunSpec.parse({
        strategy: { name: 'sma-cross', kind: 'sma-cross' },
        symbol: bars.symbol,
        from: isoDay(bars.time[start]),
        to: isoDay(bars.time[bars.length - 1]),
        engine: { allowShort: true, shortModel: 'margin', maintenanceMarginRate: 0 },
      }),
    );
    const backtest = executeBacktest(run, bars).result;
    const wipe = backtest.endBar - 1;
    expect(wipe).toBe(40);
    expect(backtest.orders.at(-1)!.reason).toBe('margin-call');
    const atWipe = await runSleeve({ resolved: run, bars: truncateSeries(bars, wipe + 1), startBar: start, final: false });
    expect(atWipe.endedBefore).toBe(false);
    const before = await runSleeve({ resolved: run, bars: truncateSeries(bars, wipe), startBar: start, final: false });
    const step = sleeveStep({ orders: before.result.orders.filter((o) => o.status !== 'pending'), memoryCases: 0 }, atWipe);
    expect(step.equity).toMatchObject({ time: bars.time[wipe], equity: backtest.equity[backtest.equity.length - 1] });
    expect(atWipe.result.orders).toEqual(backtest.orders);
    const after = await runSleeve({ resolved: run, bars: truncateSeries(bars, wipe + 2), startBar: start, final: false });
    expect(after.endedBefore).toBe(true);
    expect(() => sleeveStep({ orders: atWipe.result.orders, memoryCases: 0 }, after)).toThrow(SleeveEndedError);
  });
});
