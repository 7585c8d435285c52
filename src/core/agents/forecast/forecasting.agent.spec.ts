import { allocateSeries, BarSeries, truncateSeries } from '../../market/bar-series';
import { DAY_MS, isoDay, parseIsoDay } from '../../market/dates';
import { persistentSignSeries, perturbAfter, randomWalkSeries } from '../../testing/random-walk';
import { ForecastParams } from './forecast.params';
import { ForecastingAgent } from './forecasting.agent';

const params = ForecastParams.parse({});

function runAll(bars: BarSeries, from = 0, to = bars.length) {
  const agent = new ForecastingAgent(bars, params);
  agent.warmUp(from);
  const out = [];
  for (let t = from; t < to; t++) out.push(agent.run({ t, time: bars.time[t] }));
  return out;
}

describe('ForecastingAgent', () => {
  const bars = randomWalkSeries(500, 11);

  it('flags warm-up until the features and the model are ready, then gives probabilities that sum to 1', () => {
    const out = runAll(bars);
    expect(out[5].flags).toContain('warmup');
    expect(out[5].data.label).toBe('sideways');
    const late = out[400].data;
    expect(out[400].flags).toEqual([]);
    expect(late.pUp + late.pDown + late.pSideways).toBeCloseTo(1, 12);
    for (const o of out) for (const p of [o.data.pUp, o.data.pDown, o.data.pSideways]) expect(p).toBeGreaterThanOrEqual(0);
    expect(late.trainedOn).toBeGreaterThan(params.minTrainingSamples);
  });

  it('learns only from outcomes known at the decision: later bars never change earlier forecasts', () => {
    const full = runAll(bars);
    const perturbed = runAll(perturbAfter(bars, 300));
    for (let t = 0; t < 300; t++) expect(perturbed[t].data).toEqual(full[t].data);
    expect(perturbed[320].data).not.toEqual(full[320].data);
  });

  it('gives the same forecasts whether history is replayed bar by bar or learned in the warm-up', () => {
    const full = runAll(bars);
    const fromWarmUp = runAll(bars, 250);
    expect(fromWarmUp[0].data).toEqual(full[250].data);
    expect(fromWarmUp[100].data).toEqual(full[350].data);
  });

  it('learns the warm-up once per series and parameters, and afresh for a series changed in place', () => {
    // A series with something to learn, so that what the model learned shows in its forecasts.
    const series = persistentSignSeries(400, 0.8, 7);
    const first = runAll(series, 300);
    expect(runAll(series, 300)).toEqual(first);
    // Other parameters learn their own warm-up.
    const faster = new ForecastingAgent(series, { ...params, learningRate: 2 * params.learningRate });
    faster.warmUp(300);
    expect(faster.run({ t: 300, time: series.time[300] }).data.pUp).not.toBe(first[0].data.pUp);
    // A close changed in place before the window changes what the warm-up learned.
    series.close[200] *= 1.2;
    const changed = runAll(series, 300);
    expect(changed[0].data.pUp).not.toBe(first[0].data.pUp);
    expect(changed).toEqual(runAll(series, 300));
  });

  it('learns a persistent drift: P(up) exceeds P(down) on a steadily rising series', () => {
    const n = 300;
    const s = allocateSeries('UP', n);
    let price = 100;
    for (let i = 0; i < n; i++) {
      const r = i % 5 === 4 ? -0.004 : 0.012;
      s.time[i] = parseIsoDay('2020-01-01') + i * DAY_MS;
      s.open[i] = price;
      price *= 1 + r;
      s.close[i] = price;
      s.high[i] = Math.max(s.open[i], price) * 1.001;
      s.low[i] = Math.min(s.open[i], price) * 0.999;
    }
    const out = runAll(s);
    expect(out[290].data.pUp).toBeGreaterThan(out[290].data.pDown);
  });

  it('calls an overbought move without a valid breakout sideways', () => {
    const n = 120;
    const s = allocateSeries('GATE', n);
    let price = 100;
    for (let i = 0; i < n; i++) {
      price *= 1.01; // steady gains: RSI near 100
      s.time[i] = parseIsoDay('2020-01-01') + i * DAY_MS;
      s.open[i] = price / 1.01;
      s.close[i] = price;
      s.low[i] = s.open[i];
      // One intraday spike 10 bars before the end leaves the close well below the 20-day high.
      s.high[i] = i === n - 10 ? price * 1.3 : price;
    }
    const agent = new ForecastingAgent(s, { ...params, upThreshold: 0 });
    agent.warmUp(n - 1);
    const out = agent.run({ t: n - 1, time: s.time[n - 1] });
    expect(out.data.features.rsi14).toBeGreaterThan(70);
    expect(out.data.features.newHigh).toBe(false);
    expect(out.data.label).toBe('sideways');
    expect(out.data.gate).toBe('overbought-without-breakout');
  });
  it('cites each bar with one provenance list shared by runs on views of the same series, written afresh when the series changes', () => {
    const series = randomWalkSeries(120, 5);
    const first = runAll(series);
    const again = runAll(truncateSeries(series, 100));
    expect(again[60].provenance).toBe(first[60].provenance);
    expect(again[60].provenance[0]).toEqual({ kind: 'bar', ref: `${isoDay(series.time[40])}..${isoDay(series.time[60])}`, publishedAt: series.time[60] });
    // Another publication instant, or a bar dated differently in place, is not the cached list.
    const later = new ForecastingAgent(series, params).run({ t: 60, time: series.time[60] + 1 });
    expect(later.provenance).not.toBe(first[60].provenance);
    expect(later.provenance[0].publishedAt).toBe(series.time[60] + 1);
    series.time[40] += DAY_MS;
    const moved = runAll(series);
    expect(moved[60].provenance[0].ref).toBe(`${isoDay(series.time[40])}..${isoDay(series.time[60])}`);
    expect(moved[60].provenance[0].ref).not.toBe(first[60].provenance[0].ref);
  });
});
