import { OutputFlag } from '../agents/agent';
import { sftVerdict } from './sft-label.filter';
import { RecordLabels } from './synthesis.types';
import { BarTrace } from './trace-bars.reader';

function bar(flags: Partial<Record<string, OutputFlag[]>> = {}): BarTrace {
  const outputs: BarTrace['outputs'] = {};
  for (const agent of ['news', 'report', 'forecast', 'style', 'decision']) {
    outputs[agent] = { agent: agent as never, data: {}, rationale: agent, provenance: [], flags: flags[agent] ?? [] };
  }
  return { barIndex: 10, date: '2016-03-01', decidedAt: Date.UTC(2016, 2, 1, 21), outputs };
}

function labels(wHit: number, rewards: { BUY: number; SELL: number; HOLD: number }, chosen: 'BUY' | 'SELL' | 'HOLD'): RecordLabels {
  const best = (['HOLD', 'BUY', 'SELL'] as const).reduce((b, a) => (rewards[a] > rewards[b] ? a : b), 'HOLD' as 'BUY' | 'SELL' | 'HOLD');
  return {
    forecast: { predicted: 'up', realised: 'up', pct: 0.02, epsilon: 0.005, signOk: 1, pTrue: 0.6, wHit },
    decision: { rewards, best, chosen, regret: rewards[best] - rewards[chosen], benchmarkReturn: 0.02 },
  };
}

const options = { minWHit: 0.5, maxRegret: null };

describe('sftVerdict', () => {
  it('keeps a forecast whose w_hit reaches the minimum and drops one below it', () => {
    const l = labels(0.5, { BUY: 0.01, SELL: 0, HOLD: 0 }, 'BUY');
    expect(sftVerdict('forecast', bar(), l, options)).toEqual({ keep: true });
    expect(sftVerdict('forecast', bar(), labels(0.49, { BUY: 0.01, SELL: 0, HOLD: 0 }, 'BUY'), options)).toEqual({ keep: false, reason: 'w-hit-below-min' });
  });

  it('keeps a decision only when it chose the best action', () => {
    expect(sftVerdict('decision', bar(), labels(0, { BUY: 0.01, SELL: 0, HOLD: 0 }, 'BUY'), options)).toEqual({ keep: true });
    expect(sftVerdict('decision', bar(), labels(0, { BUY: 0.01, SELL: 0, HOLD: 0 }, 'HOLD'), options)).toEqual({ keep: false, reason: 'not-best-action' });
  });

  it('accepts a decision within the maximum regret when one is given', () => {
    const l = labels(0, { BUY: 0.01, SELL: 0, HOLD: 0.008 }, 'HOLD');
    expect(sftVerdict('decision', bar(), l, { minWHit: 0.5, maxRegret: 0.002 })).toEqual({ keep: true });
    expect(sftVerdict('decision', bar(), l, { minWHit: 0.5, maxRegret: 0.001 })).toEqual({ keep: false, reason: 'regret-above-max' });
  });

  it("keeps a style when the day's chosen action did not lose reward", () => {
    expect(sftVerdict('style', bar(), labels(0, { BUY: 0.01, SELL: 0, HOLD: 0 }, 'SELL'), options)).toEqual({ keep: true });
    expect(sftVerdict('style', bar(), labels(0, { BUY: -0.01, SELL: 0, HOLD: 0 }, 'BUY'), options)).toEqual({ keep: false, reason: 'negative-reward' });
  });

  it('drops labelled agents without labels', () => {
    for (const agent of ['forecast', 'style', 'decision'] as const)
      expect(sftVerdict(agent, bar(), null, options)).toEqual({ keep: false, reason: 'unlabelled' });
  });

  it('keeps news and report without labels unless they had no data', () => {
    expect(sftVerdict('news', bar(), null, options)).toEqual({ keep: true });
    expect(sftVerdict('report', bar(), null, options)).toEqual({ keep: true });
    expect(sftVerdict('news', bar({ news: ['no_data'] }), null, options)).toEqual({ keep: false, reason: 'no-data' });
  });

  it('drops warm-up outputs and agents without an output', () => {
    const l = labels(0.9, { BUY: 0.01, SELL: 0, HOLD: 0 }, 'BUY');
    expect(sftVerdict('forecast', bar({ forecast: ['warmup'] }), l, options)).toEqual({ keep: false, reason: 'warmup' });
    const b = bar();
    delete b.outputs.report;
    expect(sftVerdict('report', b, l, options)).toEqual({ keep: false, reason: 'no-output' });
  });
});
