import { earningsAsOf, earningsIndicators } from './earnings.indicators';
import { DEFAULT_REPORT_AGENT_PARAMS as P } from './financial-report.params';
import { at, FIVE_QUARTERS } from './report.fixture';
import { earningsEvidence, reportScore, staleness } from './report-score.rule';

const T = at('2019-07-30T20:30:00Z') + 10 * 86_400_000;
const ind = earningsIndicators(earningsAsOf(FIVE_QUARTERS, T)!, T, P.epsFloor);

describe('report score', () => {
  it('sums clipped surprise, growth and beat balance into the evidence E', () => {
    // 1·clip(0.12/0.10) + 0.5·clip(0.2444/0.25) + 0.5·(3 − 0)/4 = 1 + 0.48889 + 0.375
    expect(earningsEvidence(ind, P)).toBeCloseTo(1 + 0.5 * (0.22 / 0.9 / 0.25) + 0.375, 12);
  });

  it('decays evidence by half every 90 days', () => {
    expect(staleness(0, 90)).toBe(1);
    expect(staleness(90, 90)).toBe(0.5);
    expect(staleness(180, 90)).toBe(0.25);
    expect(staleness(-1, 90)).toBe(1);
  });

  it('is tanh of the decayed evidence plus the weighted filing tone', () => {
    const e = 1 + 0.5 * (0.22 / 0.9 / 0.25) + 0.375;
    const earnings = { evidence: earningsEvidence(ind, P), ageDays: ind.daysSinceRelease };
    const d = Math.pow(0.5, 10 / 90);
    expect(reportScore(earnings, null, P).score).toBeCloseTo(Math.tanh(d * e), 12); // 0.93855
    expect(reportScore(earnings, null, P).score).toBeCloseTo(0.938549, 6);
    const withFiling = reportScore(earnings, { tone: -0.8, ageDays: 45 }, P);
    expect(withFiling.score).toBeCloseTo(Math.tanh(d * e + 0.5 * Math.pow(0.5, 0.5) * -0.8), 12);
    expect(reportScore(null, { tone: 0.4, ageDays: 0 }, P).score).toBeCloseTo(Math.tanh(0.2), 12);
    expect(reportScore(null, null, P).score).toBe(0);
  });
});
