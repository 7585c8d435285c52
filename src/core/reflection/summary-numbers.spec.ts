import { explained, plainOutput } from '../agents/agent';
import { CaseOutcomes } from './case-outcomes';
import { ExperienceTally, summarizeDecisions, summarizeForecasts, summarizeStyles } from './experience-summary';
import { memoryCase } from './memory-case.fixture';
import { adjustmentsFrom, adjustmentsFromSlots } from './reflection-adjustments';
import { ReflectionColumns } from './reflection.columns';
import { explainReflection, TalliedReflection } from './reflection-output';
import { readSummary, SUMMARY_SLOTS, summarySlots, writeSummary } from './summary-numbers';

const WEIGHTS = { news: 0.25, report: 0.2, forecast: 0.55 };
const cases = [1, 2, 3, 4, 5, 6, 7].map((k) =>
  memoryCase(k, {
    forecast: { label: k % 3 === 0 ? 'down' : 'up', pUp: 0.5, pDown: 0.3, pSideways: 0.2, outcome: { realised: k % 2 ? 'up' : 'down', signOk: k % 2 ? 1 : -1, pTrue: 0.4, wHit: 0.1 * k - 0.35 } },
    style: { style: k % 2 ? 'aggressive' : 'conservative' },
    decision: { action: 'BUY', signals: { news: k % 4 === 0 ? null : 0.2 - 0.1 * k, report: 0.1, forecast: 0.3 }, outcome: { rewards: { BUY: 0.003 * k - 0.01, SELL: 0.002, HOLD: 0 }, best: k > 3 ? 'BUY' : 'SELL', chosen: 'BUY', regret: 0.001 * k } },
  }),
);

function tallyOf(n: number): ExperienceTally {
  const outcomes = CaseOutcomes.of(cases);
  const tally = new ExperienceTally();
  for (let i = 0; i < n; i++) tally.add(outcomes, i);
  return tally;
}

describe('an experience summary as numbers', () => {
  it('reads back as the summary of the same cases, and writes back to the same numbers', () => {
    const x = summarySlots();
    tallyOf(cases.length).write(x, 0, 1234, 4, 3);
    const summary = readSummary(x, 0);
    expect(summary).toEqual({ asOf: 1234, recentCases: 4, similarCases: 3, forecast: summarizeForecasts(cases), decision: summarizeDecisions(cases), style: summarizeStyles(cases) });
    const again = new Float64Array(SUMMARY_SLOTS);
    writeSummary(summary, again, 0);
    expect(Array.from(again)).toEqual(x);
  });

  it('has no parts without cases', () => {
    const x = summarySlots();
    tallyOf(0).write(x, 0, 99, 0, 0);
    expect(readSummary(x, 0)).toEqual({ asOf: 99, recentCases: 0, similarCases: 0, forecast: null, decision: null, style: null });
  });

  it('gives the same adjustments as the summary it stands for', () => {
    for (const [n, minCases] of [[7, 3], [7, 5], [2, 3], [0, 1]]) {
      const x = summarySlots();
      tallyOf(n).write(x, 0, 0, n, 0);
      expect(adjustmentsFromSlots(x, WEIGHTS, 0.6, minCases)).toEqual(adjustmentsFrom(readSummary(x, 0), WEIGHTS, 0.6, minCases));
    }
    const x = summarySlots();
    tallyOf(7).write(x, 0, 0, 7, 0);
    expect(adjustmentsFromSlots(x, WEIGHTS, 0.6, 3).styleTilt).not.toBe(0);
  });

  it('stands in for the summary in a reflection output: read, explained, written out and kept in columns alike', () => {
    const x = summarySlots();
    tallyOf(cases.length).write(x, 0, 1234, 4, 3);
    const adjustments = adjustmentsFromSlots(x, WEIGHTS, 0.6, 3);
    const plain = { summary: readSummary(x, 0), adjustments };
    const tallied = new TalliedReflection(x, adjustments);
    expect(tallied.summary).toEqual(plain.summary);
    expect(JSON.stringify(tallied)).toBe(JSON.stringify(plain));
    const provenance = [{ kind: 'memory' as const, ref: '7 cases', publishedAt: 1234 }];
    const out = explained('reflection', tallied, explainReflection, provenance);
    expect(out.rationale).toBe(explainReflection(plain));
    expect(plainOutput(out)).toEqual({ agent: 'reflection', data: plain, rationale: out.rationale, provenance, flags: [] });
    const columns = new ReflectionColumns();
    const rows = [columns.write(out), columns.write(explained('reflection', plain, explainReflection, provenance))];
    expect(rows).toEqual([0, 1]);
    for (const row of rows) expect(JSON.stringify(columns.read(row))).toBe(JSON.stringify(out));
  });
});
