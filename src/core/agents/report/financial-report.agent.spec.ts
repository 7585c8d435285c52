import { FinancialReportAgent } from './financial-report.agent';
import type { ReportInput } from './financial-report.types';
import { at, earnings, filing, FIVE_QUARTERS, TEN_Q_TEXTS } from './report.fixture';

const RELEASE = at('2019-07-30T20:30:00Z');
const T = RELEASE + 10 * 86_400_000;
const input = (over: Partial<ReportInput> = {}): ReportInput => ({ symbol: 'X', time: T, earnings: FIVE_QUARTERS, filing: [], ...over });

describe('FinancialReportAgent', () => {
  it('is neutral and flagged no_data when nothing is public', () => {
    const out = new FinancialReportAgent().run(input({ earnings: [], time: at('2010-01-01T00:00:00Z') }));
    expect(out.agent).toBe('report');
    expect(out.flags).toEqual(['no_data']);
    expect(out.data.score).toBe(0);
    expect(out.data.indicators.latestQuarter).toBeNull();
    expect(out.provenance).toEqual([]);
    const onlyFuture = new FinancialReportAgent().run(input({ time: RELEASE - 400 * 86_400_000, filing: filing('10-Q', RELEASE, TEN_Q_TEXTS) }));
    expect(onlyFuture.flags).toEqual(['no_data']);
  });

  it('hands out one frozen output for every bar before anything is public, per symbol', () => {
    const agent = new FinancialReportAgent();
    const early = (symbol: string, days: number) => agent.run(input({ symbol, time: RELEASE - days * 86_400_000 }));
    const first = early('X', 400);
    expect(early('X', 399)).toBe(first);
    for (const part of [first, first.data, first.data.indicators, first.flags, first.provenance]) expect(Object.isFrozen(part)).toBe(true);
    const other = early('Y', 398);
    expect(other).not.toBe(first);
    expect(other.rationale).toContain('Y');
    expect(early('X', 397).rationale).toContain('X');
    // Once a record is public the output is the bar's own.
    expect(agent.run(input({ symbol: 'X' })).flags).toEqual([]);
  });

  it('reports the latest quarter with the hand-computed score, findings and provenance', () => {
    const out = new FinancialReportAgent().run(input());
    expect(out.flags).toEqual([]);
    expect(out.data.score).toBeCloseTo(0.938549, 6); // tanh(0.5^(10/90) · (1 + 0.5·0.97778 + 0.5·0.75))
    expect(out.data.indicators).toMatchObject({ latestQuarter: '2019-06', beatsLast4: 3, missesLast4: 0, daysSinceRelease: 10, filingTone: null, filingDocument: null });
    expect(out.data.indicators.epsSurprise).toBeCloseTo(0.12, 12);
    expect(out.data.opportunities).toEqual(['EPS beat the estimate by 12% (1.12 vs 1 estimated, quarter 2019-06)', 'EPS grew 24% year over year (1.12 vs 0.9 a year earlier)', '3 beats in the last 4 quarters']);
    expect(out.data.risks).toEqual([]);
    expect(out.provenance.map((p) => p.ref)).toEqual(['X 2019-06', 'X 2019-03', 'X 2018-12', 'X 2018-09', 'X 2018-06']);
    expect(out.provenance.every((p) => p.kind === 'earnings' && p.publishedAt <= T)).toBe(true);
    expect(out.rationale).toBe('X 2019-06: EPS surprise +12.0%, YoY +24.4%, 3/4 beats, released 10.0 days ago; score +0.94');
  });

  it('states misses, falls, losses and stale figures as risks', () => {
    const bad = [earnings('2018-06', '2018-07-31', 0.5, 0.4), earnings('2019-03', '2019-04-30', 0.2, 0.1), earnings('2019-06', '2019-07-30', 0.25, -0.22)];
    const out = new FinancialReportAgent().run(input({ earnings: bad, time: RELEASE + 200 * 86_400_000 }));
    expect(out.data.risks).toEqual([
      'EPS missed the estimate by 188% (-0.22 vs 0.25 estimated, quarter 2019-06)',
      'EPS fell 155% year over year (-0.22 vs 0.4 a year earlier)',
      '3 misses in the last 3 quarters',
      'a loss of -0.22 per share in quarter 2019-06',
      'the latest figures are 200 days old',
    ]);
    expect(out.data.score).toBeLessThan(0);
  });

  it('does not change its output for a record published one second after the decision', () => {
    const agent = new FinancialReportAgent();
    const base = agent.run(input());
    const late = { ...earnings('2019-09', '2019-08-09', 1, 0.2), publishedAt: T + 1000 };
    const lateFiling = filing('10-Q late', T + 1000, TEN_Q_TEXTS);
    expect(agent.run(input({ earnings: [...FIVE_QUARTERS, late], filing: lateFiling }))).toEqual(base);
    expect(agent.run(input({ earnings: [...FIVE_QUARTERS, { ...late, publishedAt: T }] }))).not.toEqual(base);
  });

  it('retrieves filing passages, lets their tone move the score and cites them', () => {
    const tenQ = filing('10-Q 2019-Q3', RELEASE, TEN_Q_TEXTS);
    const out = new FinancialReportAgent().run(input({ filing: tenQ }));
    expect(out.data.passages.length).toBe(6);
    expect(out.data.passages.map((p) => p.id)).not.toContain('10-Q 2019-Q3 #4');
    expect(out.data.indicators.filingDocument).toBe('10-Q 2019-Q3');
    const tone = out.data.indicators.filingTone!;
    expect(tone).toBeCloseTo(out.data.passages.reduce((s, p) => s + p.score * p.tone!, 0) / out.data.passages.reduce((s, p) => s + p.score, 0), 12);
    const without = new FinancialReportAgent().run(input());
    expect(Math.sign(out.data.score - without.data.score)).toBe(Math.sign(tone));
    const filingRefs = out.provenance.filter((p) => p.kind === 'filing');
    expect(filingRefs.map((p) => p.ref)).toEqual(out.data.passages.map((p) => p.id));
    expect(filingRefs.every((p) => p.publishedAt === RELEASE)).toBe(true);
  });

  it('scores a plainly positive filing above a plainly negative one', () => {
    const good = filing('10-K good', RELEASE, ['Net sales increased strongly and revenue growth accelerated to a record.', 'Gross margin improved and operating margin expanded.']);
    const bad = filing('10-K bad', RELEASE, ['Net sales decreased sharply and revenue declined.', 'Gross margin deteriorated and the operating loss widened.']);
    const agent = new FinancialReportAgent();
    const up = agent.run(input({ earnings: [], filing: good }));
    const down = agent.run(input({ earnings: [], filing: bad }));
    expect(up.data.score).toBeGreaterThan(0);
    expect(down.data.score).toBeLessThan(0);
    expect(down.data.risks[0]).toMatch(/^10-K bad: the retrieved passages read negative/);
  });

  it('reuses the latest filing until a newer one is public, analysing each once', () => {
    const agent = new FinancialReportAgent();
    const q2 = filing('10-Q Q2', at('2019-04-30T20:30:00Z'), TEN_Q_TEXTS);
    const q3 = filing('10-Q Q3', RELEASE, TEN_Q_TEXTS.slice(0, 5));
    const passages = [...q2, ...q3];
    for (let day = 0; day < 30; day++) agent.run(input({ filing: passages, time: at('2019-07-15T20:00:00Z') + day * 86_400_000 }));
    expect(agent.analysedFilings).toBe(2);
    expect(agent.run(input({ filing: passages, time: RELEASE - 1 })).data.indicators.filingDocument).toBe('10-Q Q2');
    expect(agent.run(input({ filing: passages, time: RELEASE })).data.indicators.filingDocument).toBe('10-Q Q3');
  });

  it('ignores passages of another symbol and refuses bad parameters', () => {
    const other = filing('10-Q', RELEASE, TEN_Q_TEXTS).map((p) => ({ ...p, symbol: 'Y' }));
    expect(new FinancialReportAgent().run(input({ earnings: [], filing: other })).flags).toEqual(['no_data']);
    expect(() => new FinancialReportAgent({ rerankK: 11 })).toThrow(/rerankK must not exceed topK/);
    expect(() => new FinancialReportAgent({ nope: 1 })).toThrow();
  });
});
