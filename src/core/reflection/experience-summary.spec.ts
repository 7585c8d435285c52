import { lessons, summarizeDecisions, summarizeForecasts, summarizeStyles } from './experience-summary';
import { memoryCase } from './memory-case.fixture';

/** Four labelled days, counted by hand in the expectations. */
const cases = [
  // "up" called, market went up: a hit. BUY was best and chosen.
  memoryCase(1, {
    forecast: { label: 'up', pUp: 0.6, pDown: 0.1, pSideways: 0.3, outcome: { realised: 'up', signOk: 1, pTrue: 0.6, wHit: 0.5 } },
    style: { style: 'aggressive' },
    decision: { action: 'BUY', signals: { news: 0.4, report: null, forecast: 0.5 }, outcome: { rewards: { BUY: 0.01, SELL: -0.01, HOLD: 0 }, best: 'BUY', chosen: 'BUY', regret: 0 } },
  }),
  // "up" called, market went down: a miss. SELL was best, BUY chosen.
  memoryCase(2, {
    forecast: { label: 'up', pUp: 0.5, pDown: 0.2, pSideways: 0.3, outcome: { realised: 'down', signOk: -1, pTrue: 0.2, wHit: -0.2 } },
    style: { style: 'aggressive' },
    decision: { action: 'BUY', signals: { news: 0.3, report: -0.2, forecast: 0.3 }, outcome: { rewards: { BUY: -0.02, SELL: 0.005, HOLD: -0.004 }, best: 'SELL', chosen: 'BUY', regret: 0.025 } },
  }),
  // "sideways" called and realised. HOLD was best and chosen.
  memoryCase(3, {
    forecast: { label: 'sideways', pUp: 0.2, pDown: 0.2, pSideways: 0.6, outcome: { realised: 'sideways', signOk: 1, pTrue: 0.6, wHit: 0.1 } },
    style: { style: 'balanced' },
    decision: { action: 'HOLD', signals: { news: null, report: null, forecast: 0 }, outcome: { rewards: { BUY: 0.001, SELL: 0.001, HOLD: 0.002 }, best: 'HOLD', chosen: 'HOLD', regret: 0 } },
  }),
  // "down" called, market went up: a miss. BUY was best, SELL chosen.
  memoryCase(4, {
    forecast: { label: 'down', pUp: 0.1, pDown: 0.7, pSideways: 0.2, outcome: { realised: 'up', signOk: -1, pTrue: 0.1, wHit: -0.08 } },
    style: { style: 'conservative' },
    decision: { action: 'SELL', signals: { news: -0.5, report: 0.2, forecast: -0.6 }, outcome: { rewards: { BUY: 0.012, SELL: -0.003, HOLD: 0.004 }, best: 'BUY', chosen: 'SELL', regret: 0.015 } },
  }),
];

describe('experience summaries', () => {
  it('count forecast hits per predicted class, the mean w_hit and the Brier score', () => {
    const f = summarizeForecasts(cases)!;
    expect(f.cases).toBe(4);
    expect(f.hits).toBe(2);
    expect(f.meanWHit).toBeCloseTo((0.5 - 0.2 + 0.1 - 0.08) / 4, 12);
    expect(f.byPredicted).toEqual({ up: { n: 2, hits: 1 }, down: { n: 1, hits: 0 }, sideways: { n: 1, hits: 1 } });
    const brier = [
      0.4 ** 2 + 0.1 ** 2 + 0.3 ** 2,
      0.5 ** 2 + 0.8 ** 2 + 0.3 ** 2,
      0.2 ** 2 + 0.2 ** 2 + 0.4 ** 2,
      0.9 ** 2 + 0.7 ** 2 + 0.2 ** 2,
    ];
    expect(f.brier).toBeCloseTo(brier.reduce((a, b) => a + b) / 4, 12);
  });

  it('count decisions that took the best action, mean reward and regret, and how often each signal pointed the right way', () => {
    const d = summarizeDecisions(cases)!;
    expect(d).toMatchObject({ cases: 4, agreed: 2, best: { BUY: 2, SELL: 1, HOLD: 1 } });
    expect(d.meanReward).toBeCloseTo((0.01 - 0.02 + 0.002 - 0.003) / 4, 12);
    expect(d.meanRegret).toBeCloseTo((0.025 + 0.015) / 4, 12);
    // The day's way is sign(BUY − SELL): +, −, 0 (skipped), +.
    expect(d.signals).toEqual({
      news: { aligned: 1, n: 3 },
      report: { aligned: 2, n: 2 },
      forecast: { aligned: 1, n: 3 },
    });
  });

  it('average the chosen reward per style', () => {
    const s = summarizeStyles(cases)!;
    expect(s.cases).toBe(4);
    expect(s.byStyle.aggressive.n).toBe(2);
    expect(s.byStyle.aggressive.meanReward).toBeCloseTo(-0.005, 12);
    expect(s.byStyle.balanced).toEqual({ n: 1, meanReward: 0.002 });
    expect(s.byStyle.conservative).toEqual({ n: 1, meanReward: -0.003 });
  });

  it('are null without cases', () => {
    expect(summarizeForecasts([])).toBeNull();
    expect(summarizeDecisions([])).toBeNull();
    expect(summarizeStyles([])).toBeNull();
  });

  it('state lessons only for groups of three cases or more', () => {
    const three = [...cases, ...cases, ...cases];
    const { worked, failed } = lessons(summarizeForecasts(three), summarizeDecisions(three), summarizeStyles(three));
    expect(worked).toEqual([
      '"up" forecasts hit 3 of 6',
      '"sideways" forecasts hit 3 of 3',
      'decisions matched the best action 6 of 12 times (mean regret 1.00%)',
      'report signal pointed the right way 6 of 6 times',
      'balanced days averaged a reward of 0.20% (3 days)',
    ]);
    expect(failed).toEqual([
      '"down" forecasts hit 0 of 3',
      'news signal pointed the right way 3 of 9 times',
      'forecast signal pointed the right way 3 of 9 times',
      'aggressive days averaged a reward of -0.50% (6 days)',
      'conservative days averaged a reward of -0.30% (3 days)',
    ]);
    expect(lessons(summarizeForecasts(cases), null, null)).toEqual({ worked: [], failed: [] });
  });
});
