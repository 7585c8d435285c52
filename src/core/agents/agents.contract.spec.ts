import { randomWalkSeries, seededRandom } from '../testing/random-walk';
import { NYSE_CALENDAR, sessionCloses } from '../market/session-clock';
import { NewsItem } from '../market/news';
import { EarningsRecord } from '../market/fundamentals';
import { AgentOutput } from './agent';
import { DecisionAgent } from './decision/decision.agent';
import { DecisionParams } from './decision/decision.params';
import { ForecastParams } from './forecast/forecast.params';
import { ForecastingAgent } from './forecast/forecasting.agent';
import { NewsSentimentAgent } from './news/news-sentiment.agent';
import { FinancialReportAgent } from './report/financial-report.agent';
import { StyleAgent } from './style/style.agent';
import { StyleParams } from './style/style.params';

/**
 * The contract every agent honours, checked on one seeded market: the same input gives the same
 * output, outputs stay in their documented ranges, provenance never points after the decision,
 * and an agent with nothing to read says so (`no_data` / `warmup`) instead of inventing a signal.
 */
const bars = randomWalkSeries(400, 5, 'ACME');
const closes = sessionCloses(bars.time, NYSE_CALENDAR);
const rand = seededRandom(9);
const WORDS = ['profit rose', 'sales fell', 'record revenue', 'lawsuit filed', 'shares upgraded', 'costs climbed', 'guidance cut', 'new product'];
const news: NewsItem[] = Array.from({ length: 900 }, (_, i) => ({
  id: `n${i}`,
  time: closes[Math.floor(i / 3)] - Math.floor(rand() * 20) * 3_600_000,
  symbol: 'ACME',
  headline: `ACME ${WORDS[Math.floor(rand() * WORDS.length)]} ${i % 7 === 0 ? 'sharply' : ''}`,
}));
const earnings: EarningsRecord[] = Array.from({ length: 5 }, (_, q) => ({
  symbol: 'ACME',
  announceDay: bars.time[60 + q * 63],
  releaseTime: 'post-market',
  quarter: `201${q}-03`,
  epsEstimate: 1 + q * 0.1,
  epsActual: 1 + q * 0.1 + (q % 2 ? 0.05 : -0.03),
  publishedAt: closes[60 + q * 63] + 1_800_000,
}));

type Step = (t: number) => AgentOutput<unknown>;

const agents: Array<[string, () => Step, (o: AgentOutput<any>) => void]> = [
  [
    'news',
    () => {
      const agent = new NewsSentimentAgent();
      return (t) => agent.run({ symbol: 'ACME', aliases: [], time: closes[t], items: news.filter((n) => n.time > closes[t - 1] && n.time <= closes[t]) });
    },
    (o) => expect(Math.abs(o.data.score)).toBeLessThanOrEqual(1),
  ],
  [
    'report',
    () => {
      const agent = new FinancialReportAgent();
      return (t) => agent.run({ symbol: 'ACME', time: closes[t], earnings: earnings.filter((e) => e.publishedAt <= closes[t]), filing: [] });
    },
    (o) => expect(Math.abs(o.data.score)).toBeLessThanOrEqual(1),
  ],
  [
    'forecast',
    () => {
      const agent = new ForecastingAgent(bars, ForecastParams.parse({}));
      return (t) => agent.run({ t, time: closes[t] });
    },
    (o) => {
      for (const p of [o.data.pUp, o.data.pDown, o.data.pSideways]) expect(p >= 0 && p <= 1).toBe(true);
      expect(o.data.pUp + o.data.pDown + o.data.pSideways).toBeCloseTo(1, 9);
    },
  ],
  [
    'style',
    () => {
      const agent = new StyleAgent(StyleParams.parse({}));
      return (t) =>
        agent.run({
          time: closes[t],
          drawdown: -0.1 * Math.abs(Math.sin(t)),
          recentReturn: 0.05 * Math.sin(t / 3),
          volatilityRatio: 1 + 0.8 * Math.sin(t / 7),
          position: t % 3 === 0 ? 0 : 100,
          unrealizedReturn: 0.08 * Math.sin(t / 5),
        });
    },
    (o) => expect(['aggressive', 'balanced', 'conservative']).toContain(o.data.style),
  ],
  [
    'decision',
    () => {
      const agent = new DecisionAgent(DecisionParams.parse({}));
      return (t) =>
        agent.run({
          time: closes[t],
          style: (['aggressive', 'balanced', 'conservative'] as const)[t % 3],
          position: t % 4 === 0 ? 0 : 10,
          news: { value: Math.sin(t), available: t % 5 !== 0 },
          report: null,
          forecast: { value: Math.cos(t / 2), label: 'up', skill: (t % 7) / 6 },
        });
    },
    (o) => {
      expect(['BUY', 'SELL', 'HOLD']).toContain(o.data.action);
      expect(o.data.confidence >= 0 && o.data.confidence <= 1).toBe(true);
      expect(Math.abs(o.data.score)).toBeLessThanOrEqual(1);
    },
  ],
];

describe.each(agents)('agent contract: %s', (name, make, inRange) => {
  const first = make();
  const second = make();
  const outputs = Array.from({ length: 398 }, (_, i) => first(i + 1));
  const again = Array.from({ length: 398 }, (_, i) => second(i + 1));

  it('names itself and gives the same output for the same input', () => {
    for (const o of outputs) expect(o.agent).toBe(name);
    expect(again).toEqual(outputs);
  });

  it('keeps its outputs in their documented ranges, with a rationale', () => {
    for (const o of outputs) {
      inRange(o);
      expect(o.rationale.length).toBeGreaterThan(0);
    }
  });

  it('never cites an input published after its decision', () => {
    outputs.forEach((o, i) => {
      for (const p of o.provenance) expect(p.publishedAt).toBeLessThanOrEqual(closes[i + 1]);
    });
  });

  it('says when it had nothing to read or was still warming up, and only then gives a neutral output', () => {
    for (const o of outputs) {
      if (o.flags.includes('no_data')) expect((o.data as { score: number }).score).toBe(0);
    }
    if (name === 'report') expect(outputs[0].flags).toContain('no_data');
    if (name === 'forecast') expect(outputs[0].flags).toContain('warmup');
    if (name === 'news') expect(outputs.some((o) => !o.flags.includes('no_data'))).toBe(true);
  });
});

/** Puts nonsense in every field of an input, nested objects and lists included. */
function scramble(x: Record<string, unknown>): void {
  for (const key of Object.keys(x)) {
    const v = x[key];
    if (typeof v === 'number') x[key] = NaN;
    else if (typeof v === 'string') x[key] = 'scrambled';
    else if (typeof v === 'boolean') x[key] = !v;
    else if (Array.isArray(v)) {
      if (!Object.isFrozen(v)) v.fill(NaN);
      x[key] = [];
    } else if (v !== null && typeof v === 'object') scramble(v as Record<string, unknown>);
  }
}

type Run = (input: any) => AgentOutput<unknown>;
const inputCases: Array<[string, () => Run, (t: number) => Record<string, unknown>]> = [
  ['news', () => { const a = new NewsSentimentAgent(); return (i) => a.run(i); }, (t) => ({ symbol: 'ACME', aliases: ['acme corp'], time: closes[t], items: news.filter((n) => n.time > closes[t - 1] && n.time <= closes[t]) })],
  ['report', () => { const a = new FinancialReportAgent(); return (i) => a.run(i); }, (t) => ({ symbol: 'ACME', time: closes[t], earnings: earnings.filter((e) => e.publishedAt <= closes[t]), filing: [] })],
  ['forecast', () => { const a = new ForecastingAgent(bars, ForecastParams.parse({})); return (i) => a.run(i); }, (t) => ({ t, time: closes[t], bias: [0.1 * Math.sin(t), 0, -0.05] })],
  ['style', () => { const a = new StyleAgent(StyleParams.parse({})); return (i) => a.run(i); }, (t) => ({ time: closes[t], drawdown: -0.1 * Math.abs(Math.sin(t)), recentReturn: 0.05 * Math.sin(t / 3), volatilityRatio: 1 + 0.8 * Math.sin(t / 7), tilt: 0.1 })],
  [
    'decision',
    () => { const a = new DecisionAgent(DecisionParams.parse({})); return (i) => a.run(i); },
    (t) => ({
      time: closes[t],
      style: (['aggressive', 'balanced', 'conservative'] as const)[t % 3],
      position: t % 4 === 0 ? 0 : 10,
      news: { value: Math.sin(t), available: t % 5 !== 0 },
      report: { value: 0.3, available: t % 2 === 0 },
      forecast: { value: Math.cos(t / 2), label: 'up' },
      weightAdjustments: { news: 0.05, report: -0.02, forecast: 0.01 },
    }),
  ],
];

// Callers hand an agent one input object bar after bar, changing its fields in between, so an
// agent must copy what it keeps: its output (rationale included, which is written when first
// read) must not change when the input object does.
describe.each(inputCases)('agent contract: %s keeps nothing of its input object', (name, make, inputAt) => {
  it('gives the same output whether or not the input object is changed after the call', () => {
    const reused = make();
    const fresh = make();
    for (let t = 1; t < 399; t++) {
      const input = inputAt(t);
      const output = reused(input);
      scramble(input);
      const expected = fresh(inputAt(t));
      expect(JSON.parse(JSON.stringify(output))).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });
});
