import { decisionPromptInput, forecastPromptInput, positionAt, reportPromptInput, stylePromptInput } from './prompt-inputs.from-trace';
import { BarTrace, RecordedOutput } from './trace-bars.reader';

const D = Date.UTC(2016, 2, 1, 21);

function out(agent: string, data: Record<string, unknown>, rationale = '', extra: Partial<RecordedOutput> = {}): RecordedOutput {
  return { agent: agent as never, data, rationale, provenance: [], flags: [], ...extra };
}

function bar(outputs: Record<string, RecordedOutput>): BarTrace {
  return { barIndex: 5, date: '2016-03-01', decidedAt: D, outputs };
}

describe('prompt inputs from the decision trace', () => {
  it('reads the position the decision agent recorded, with the unrealised return from the risk assessment', () => {
    const decision = (position: number) => out('decision', { position });
    expect(positionAt(bar({ decision: decision(10), risk: out('risk', { reference: 101.5, unrealized: -0.02 }) }))).toEqual({ state: 'long', unrealizedReturn: -0.02 });
    expect(positionAt(bar({ decision: decision(10) }))).toEqual({ state: 'long', unrealizedReturn: null });
    expect(positionAt(bar({ decision: decision(0), risk: out('risk', { reference: null, unrealized: 0 }) }))).toEqual({ state: 'flat', unrealizedReturn: null });
    expect(positionAt(bar({})).state).toBe('unknown');
  });

  it('shows the style agent the position and unrealised return it read itself', () => {
    const style = out('style', { style: 'conservative', drawdown: -0.01, recentReturn: 0, volatilityRatio: 1, position: 40, unrealizedReturn: -0.061 });
    const trailingRisk = out('risk', { reference: 110, unrealized: -0.09 });
    expect(stylePromptInput(bar({ style, decision: out('decision', { position: 40 }), risk: trailingRisk }), 'AAPL')!.position).toEqual({ state: 'long', unrealizedReturn: -0.061 });
    const flat = out('style', { style: 'balanced', position: 0, unrealizedReturn: 0 });
    expect(stylePromptInput(bar({ style: flat }), 'AAPL')!.position).toEqual({ state: 'flat', unrealizedReturn: null });
  });

  it('turns features stored as null (NaN before storage) into missing values', () => {
    const input = forecastPromptInput(
      bar({ forecast: out('forecast', { epsilon: 0.004, features: { rsi14: null, smaDeviation: 0.01, newHigh: true } }) }),
      'AAPL',
    );
    expect(input!.features).toMatchObject({ rsi14: null, smaDeviation: 0.01, newHigh: true, return5: null });
    expect(input!.epsilon).toBe(0.004);
  });

  it('lists the earnings releases newest first and stamps the filing with its publication', () => {
    const provenance = [
      { kind: 'earnings' as const, ref: 'AAPL 2015-09', publishedAt: D - 200 },
      { kind: 'earnings' as const, ref: 'AAPL 2015-12', publishedAt: D - 100 },
      { kind: 'filing' as const, ref: 'p1', publishedAt: D - 50 },
    ];
    const data = {
      score: 0.3,
      indicators: { latestQuarter: '2015-12', epsSurprise: 0.01, filingDocument: '10-Q 2015-Q4' },
      passages: [{ document: '10-Q 2015-Q4', query: 'revenue', excerpt: 'Sales rose.' }],
    };
    const input = reportPromptInput(bar({ report: out('report', data, '', { provenance }) }), 'AAPL')!;
    expect(input.releases.map((r) => r.ref)).toEqual(['AAPL 2015-12', 'AAPL 2015-09']);
    expect(input).toMatchObject({ filingDocument: '10-Q 2015-Q4', filingPublishedAt: D - 50, passages: [{ topic: 'revenue', excerpt: 'Sales rose.' }] });
  });

  it('gives the decision the used signal weights, the style and the news availability', () => {
    const contributions = [
      { source: 'forecast', value: 0.4, weight: 0.55, used: true },
      { source: 'news', value: 0, weight: 0.25, used: false },
      { source: 'report', value: 0.8, weight: 0.2, used: true },
    ];
    const input = decisionPromptInput(
      bar({
        forecast: out('forecast', { label: 'up', pUp: 0.6, pDown: 0.2, pSideways: 0.2 }),
        style: out('style', { style: 'conservative', reason: 'drawdown -9.0%' }),
        news: out('news', { score: 0 }, 'no news for this session', { flags: ['no_data'] }),
        decision: out('decision', { action: 'HOLD', threshold: 0.2, contributions }),
      }),
      'AAPL',
    )!;
    expect(input.policy).toEqual({ weights: { forecast: 0.55, report: 0.2 }, threshold: 0.2 });
    expect(input).toMatchObject({
      style: 'conservative',
      styleReason: 'drawdown -9.0%',
      forecast: { label: 'up', value: 0.4 },
      news: { available: false },
      report: null,
    });
  });
});
