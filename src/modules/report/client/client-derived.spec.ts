import { seededRandom } from '../../../core/studies/mulberry32';
import { DAY_MS } from '../../../core/market/dates';
import { buyAndHoldSeries, drawdownSeries } from '../report-series';
import { buildReportView } from '../report-view.model';
import type { RunReportData } from '../run-report.types';
import { CLIENT_DERIVED } from './client-derived';

/** The page's own code (the text the report inlines), run here. */
const page = new Function(`${CLIENT_DERIVED}\nreturn { deriveSeries };`)() as {
  deriveSeries(data: Record<string, unknown>): { benchmark: unknown[]; drawdown: unknown[]; benchmarkDrawdown: unknown[] };
};

/** What the page reads: the value through JSON, as the report carries it. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the series the report page derives', () => {
  it('are, value for value, the benchmark and drawdowns the report would carry', () => {
    const u = seededRandom(11);
    // Finite values only: a report whose equity or closes are not all finite carries the series.
    const odd = [0, -5, -0.25, 1e-300, 1e300];
    for (let round = 0; round < 40; round++) {
      const n = 1 + Math.floor(u() * 300);
      const initialCash = round % 5 === 0 ? 0 : 100_000 * (0.5 + u());
      let e = initialCash;
      const equity = Array.from({ length: n }, (_, i) => (round % 3 === 0 && i % 37 === 5 ? odd[i % odd.length] : (e *= 1 + (u() - 0.5) * 0.04)));
      const close = Array.from({ length: n }, (_, i) => {
        if (round % 7 === 1 && i === 0) return odd[round % odd.length];
        if (round % 4 === 2 && i % 41 === 9) return odd[i % odd.length];
        return Math.round(u() * 100_000) / 100;
      });
      const benchmark = buyAndHoldSeries(close, initialCash);
      const carried = viaJson({ benchmark: Array.from(benchmark), drawdown: Array.from(drawdownSeries(equity, initialCash)), benchmarkDrawdown: Array.from(drawdownSeries(benchmark, initialCash)) });
      const derived = page.deriveSeries(viaJson({ equity, close, initialCash }));
      expect({ benchmark: derived.benchmark, drawdown: derived.drawdown, benchmarkDrawdown: derived.benchmarkDrawdown }).toEqual(carried);
    }
  });

  it('are read from the data when a downsampled report carries them', () => {
    const carried = { benchmark: [1], drawdown: [2], benchmarkDrawdown: [3], equity: [5], close: [6], initialCash: 7 };
    expect(page.deriveSeries({ ...carried })).toMatchObject({ benchmark: [1], drawdown: [2], benchmarkDrawdown: [3] });
  });

  it('are left out of a report that draws every bar of finite values, and carried by one that draws a sample or has a gap', () => {
    const data = (n: number) =>
      ({
        header: { runId: 'r', strategy: 's', symbol: 'X', from: '2000-01-01', to: '2000-01-02', status: 'done' },
        bars: {
          time: Float64Array.from({ length: n }, (_, i) => i * DAY_MS),
          equity: Float64Array.from({ length: n }, (_, i) => 1_000 + Math.sin(i / 50) * 100),
          close: Float64Array.from({ length: n }, (_, i) => 10 + Math.cos(i / 70)),
          position: new Float64Array(n),
          tradingDay: new Uint8Array(n).fill(1),
        },
        initialCash: 1_000, trades: [], orders: [], metrics: {},
      }) as unknown as RunReportData;
    expect(buildReportView(data(4_000)).chart).not.toHaveProperty('drawdown');
    const gap = data(50);
    (gap.bars.close as Float64Array)[0] = Infinity;
    expect(buildReportView(gap).chart.drawdown).toHaveLength(50);
    expect(buildReportView(gap).chart.benchmark).toHaveLength(50);
    const sampled = buildReportView(data(10_000)).chart;
    const full = drawdownSeries(data(10_000).bars.equity, 1_000);
    expect(sampled.drawdown!.length).toBe(sampled.t.length);
    expect(sampled.drawdown!.length).toBeLessThan(10_000);
    // Each drawn bar's drawdown is the one over every bar before it.
    const drawnDays = Array.from(sampled.t, (s) => s / 86_400);
    drawnDays.forEach((bar, k) => expect(sampled.drawdown![k]).toBe(full[bar]));
  });
});
