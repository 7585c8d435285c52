import type { Trade } from '../../core/engine/orders';
import type { RecordList } from '../../core/engine/record-list';
import type { EquityPointRow, RunRecord } from '../persistence/run-record';
import { REPORT_CLIENT_SCRIPT } from './client/report-client';
import { reportDataFromStoredRun } from './report-data.from-run';
import { jsonForScript } from './report-format';
import { openPosition, tradeMarkers } from './report-markers';
import { buyAndHoldSeries, drawdownSeries } from './report-series';
import { computeMetrics } from '../../core/metrics';
import { buildReportView } from './report-view.model';
import { renderRunReport } from './run-report.renderer';
import type { ReportBars } from './run-report.types';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

/** A list's items as an array. */
const listed = <T>(list: RecordList<T>): T[] => Array.from({ length: list.length }, (_, i) => list.at(i)!);

function storedRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'sma-cross-TEST-20260101-000000-ab12', kind: 'backtest', status: 'done', strategy: 'sma-cross', symbol: 'TEST',
    profile: 'default', mode: 'analytic', fromDate: '2024-01-01', toDate: '2024-01-08',
    config: { riskFreeRate: 0.02, engine: {} },
    manifest: { engineVersion: '9.9.9', resolved: { engine: { initialCash: 1000 }, params: { fast: 2 }, adjust: 'none' } },
    metrics: { default: { bars: 6, totalReturn: 0.1, tradeCount: 1 } },
    timings: {}, resultHash: 'f'.repeat(64), error: null, progress: 1,
    createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null, artifactsDir: null,
    owner: null, heartbeatAt: null, queueSeq: null, request: null,
    ...overrides,
  };
}

// 2024-01-06/07 are a Saturday and a Sunday (calendar filler bars).
const ROWS: EquityPointRow[] = [
  ['2024-01-08', 1100, 0, 11], ['2024-01-01', 1000, 0, 10], ['2024-01-02', 1000, 0, 10], ['2024-01-03', 1200, 100, 12],
  ['2024-01-04', 900, 100, 9], ['2024-01-05', 1050, 0, 10.5], ['2024-01-06', 1050, 0, 10.5], ['2024-01-07', 1050, 0, 10.5],
].map(([date, equity, position, close], i) => ({
  barIndex: 20 + [7, 0, 1, 2, 3, 4, 5, 6][i], date: date as string, equity: equity as number, cash: 0, position: position as number, close: close as number,
}));

const TRADE: Trade = {
  direction: 'long', entryBar: 22, entryTime: day('2024-01-03'), entryPrice: 10, exitBar: 24, exitTime: day('2024-01-05'), exitPrice: 10.5,
  maxQty: 100, qty: 100, pnl: 49, returnPct: 0.049, commission: 1, exitReason: 'signal', barsHeld: 2,
};

describe('report series', () => {
  it('marks the initial cash at every close for buy-and-hold', () => {
    expect(Array.from(buyAndHoldSeries([10, 12, 9], 1000))).toEqual([1000, 1200, 900]);
    expect(buyAndHoldSeries([0, 1], 1000).every(Number.isNaN)).toBe(true);
  });

  it('measures drawdown from a peak that starts at the initial cash', () => {
    const dd = drawdownSeries([900, 1200, 900, 1300], 1000);
    [-0.1, 0, -0.25, 0].forEach((v, i) => expect(dd[i]).toBeCloseTo(v, 12));
  });

  it('gives the drawdowns of chosen bars as the whole series has them, peaks between them included', () => {
    const equity = Array.from({ length: 5_000 }, (_, i) => (i % 997 === 5 ? NaN : 1000 + 300 * Math.sin(i / 40) + i / 10));
    const at = [0, 3, 5, 6, 1_000, 1_001, 2_500, 4_999];
    const whole = drawdownSeries(equity, 1000);
    expect(Array.from(drawdownSeries(equity, 1000, at))).toEqual(at.map((i) => whole[i]));
    expect(drawdownSeries(equity, 1000, [])).toHaveLength(0);
  });
});

describe('report data from a stored run', () => {
  const data = reportDataFromStoredRun(storedRun(), ROWS, [TRADE], undefined, ['news: no data']);

  it('orders the rows by bar index and takes the cash and rate from the run', () => {
    const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08'];
    expect(Array.from(data.bars.time)).toEqual(days.map(day));
    expect(data.initialCash).toBe(1000);
    expect(data.riskFreeRate).toBe(0.02);
    expect(data.header.engineVersion).toBe('9.9.9');
    expect(data.header.adjust).toBe('none');
  });

  it('treats weekend rows as calendar filler bars when no flags are given', () => {
    expect(data.bars.tradingDay).toEqual([1, 1, 1, 1, 1, 0, 0, 1]);
  });

  it('places an entry and an exit marker per trade', () => {
    const view = buildReportView(data);
    expect(listed(view.chart.markers).map((m) => [m.kind, m.index, m.price])).toEqual([['entry', 2, 10], ['exit', 4, 10.5]]);
    // Every bar is drawn: the page derives the benchmark and drawdowns (client-derived.spec.ts).
    expect(view.chart).not.toHaveProperty('benchmark');
    expect(view.chart).not.toHaveProperty('drawdown');
    expect(view.notes).toEqual(['news: no data']);
  });
});

describe('open position at the end', () => {
  const bars: ReportBars = {
    time: ['2024-01-01', '2024-01-02', '2024-01-03'].map(day), equity: [1, 1, 1], close: [10, 11, 12], position: [0, -5, -5], tradingDay: [1, 1, 1],
  };

  it('reads the entry fill from the orders', () => {
    const order = { status: 'filled', side: 'sell', filledQty: 5, eventTime: day('2024-01-02'), price: 10.8 } as never;
    expect(openPosition(bars, [order])).toEqual({ direction: 'short', index: 1, date: '2024-01-02', price: 10.8, qty: 5, approximate: false });
  });

  it('falls back to the close, flagged approximate, without orders', () => {
    expect(openPosition(bars)).toMatchObject({ price: 11, approximate: true });
    expect(openPosition({ ...bars, position: [0, 0, 0] })).toBeNull();
  });
});

describe('rendered document', () => {
  const data = reportDataFromStoredRun(storedRun(), ROWS, [TRADE], [
    { date: '2024-01-03', action: 'BUY', confidence: 0.8, style: 'balanced', reflection: 'closed </script><!-- early & "quoted"' },
    { date: '2023-12-01', action: 'HOLD', confidence: 0.1, style: 'conservative' },
  ], ['<b>not bold</b>']);
  const html = renderRunReport(data);

  it('is self-contained: no external script, style, link or image', () => {
    expect(html).not.toMatch(/<(script|img|iframe)[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script>/gi)).toHaveLength(3);
  });

  it('embeds the chart data as JSON that parses back', () => {
    const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    const parsed = JSON.parse(m![1]);
    expect(parsed.t).toHaveLength(8);
    expect(parsed.timeline[0].reflection).toBe('closed </script><!-- early & "quoted"');
  });

  it('escapes text and says what it left out', () => {
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).toContain('closed &lt;/script&gt;&lt;!-- early &amp; &quot;quoted&quot;');
    expect(html).toContain('timeline: 1 of 2 agent entries fall outside');
  });

  it('adds the FINSABER cells when the run has them', () => {
    const finsaber = { spr: 1.2345, cr: 12.5, mdd: -7.25, av: 20.1, annualReturn: 0.11 };
    const withCells = renderRunReport(reportDataFromStoredRun(storedRun({ metrics: { default: {}, finsaber } }), ROWS, [TRADE]));
    expect(withCells).toContain('id="finsaber-table"');
    expect(withCells).toMatch(/<th scope="row">MDD<\/th><td class="num">−7\.25%<\/td>/);
    expect(html).not.toContain('id="finsaber-table"');
  });

  it('lists the first and last 500 trades of a run with more than 1,000 and says trades.csv holds every one', () => {
    const trades = (n: number) => Array.from({ length: n }, (_, i) => ({ ...TRADE, pnl: i }));
    const rowsOf = (html: string) => [...html.matchAll(/<tr><td class="num" data-v="(\d+)">/g)].map((m) => Number(m[1]));
    const long = renderRunReport(reportDataFromStoredRun(storedRun(), ROWS, trades(1_500)));
    const listed = rowsOf(long);
    expect(listed).toHaveLength(1_000);
    expect(listed.slice(0, 2)).toEqual([1, 2]);
    expect(listed.slice(498, 502)).toEqual([499, 500, 1_001, 1_002]);
    expect(listed[999]).toBe(1_500);
    expect(long).toContain('The table lists the first 500 and the last 500 of the 1,500 trades');
    expect(long).toContain('<h2>Trades (1500)</h2>');
    const all = renderRunReport(reportDataFromStoredRun(storedRun(), ROWS, trades(1_000)));
    expect(rowsOf(all)).toHaveLength(1_000);
    expect(all).not.toContain('trades-shown');
  });

  it('is deterministic', () => {
    expect(renderRunReport(data)).toBe(html);
  });
});

describe('inline script', () => {
  it('escapes every sequence that could end a script element', () => {
    const text = jsonForScript({ a: '</script><!-- \u2028' });
    expect(text).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- \u2028' });
  });

  it('is valid JavaScript', () => {
    expect(() => new Function(REPORT_CLIENT_SCRIPT)).not.toThrow();
  });
});

describe('a long run drawn from a sample of its bars', () => {
  const n = 30_000;
  const start = day('1950-01-02');
  const time = Array.from({ length: n }, (_, i) => start + i * 86_400_000);
  const close = time.map((_, i) => 100 + 20 * Math.sin(i / 300) + i / 500);
  const position = time.map((_, i) => (Math.floor(i / 700) % 2 === 1 ? 10 : 0));
  const equity = close.map((c, i) => 10_000 + position[i] * (c - 100));
  // A round trip per holding stretch: entered at the stretch's first bar, left at its end.
  const trades: Trade[] = [];
  for (let entry = 700; entry + 700 < n; entry += 1_400) {
    const exit = entry + 700;
    trades.push({ ...TRADE, entryBar: entry, entryTime: time[entry], entryPrice: close[entry], exitBar: exit, exitTime: time[exit], exitPrice: close[exit] });
  }
  const run = storedRun({ fromDate: '1950-01-02', toDate: '2032-02-01' });
  const rows: EquityPointRow[] = time.map((t, i) => ({ barIndex: i, date: new Date(t).toISOString().slice(0, 10), equity: equity[i], cash: 0, position: position[i], close: close[i] }));
  const view = buildReportView(reportDataFromStoredRun(run, rows, trades));
  const chart = view.chart as unknown as { t: ArrayLike<number>; markers: RecordList<{ index: number; kind: string }> };

  it('puts every marker on the drawn bar of its trade', () => {
    expect(chart.t.length).toBeLessThan(n);
    expect(chart.markers).toHaveLength(2 * trades.length);
    const expected = trades.flatMap((t) => [t.entryTime / 1000, t.exitTime / 1000]);
    expect(listed(chart.markers).map((m) => chart.t[m.index])).toEqual(expected);
  });

  it('measures buy-and-hold always in the market, as its curve with a position at every bar gives', () => {
    const benchmark = buyAndHoldSeries(close, 1000);
    const withOnes = computeMetrics({ equity: benchmark, initialCash: 1000, position: new Float64Array(n).fill(1), orders: [], trades: [] }, { riskFreeRate: 0.02 });
    expect(view.benchmarkMetrics).toEqual(withOnes);
    expect(Object.keys(view.benchmarkMetrics!)).toEqual(Object.keys(withOnes));
  });
});

describe('trade markers', () => {
  const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  const bars: ReportBars = { time: days.map(day), equity: [1, 1, 1, 1, 1], close: [10, 11, 12, 13, 14], position: [0, 5, 0, -3, -3], tradingDay: [1, 1, 1, 1, 1] };
  const trade = (entry: string, exit: string, direction: 'long' | 'short'): Trade => ({ ...TRADE, direction, entryTime: day(entry), exitTime: day(exit), entryPrice: 11, exitPrice: 12 });
  // The second trade's entry is on a day the report has no bar for; the third enters where the first exits.
  const trades = [trade('2024-01-02', '2024-01-03', 'long'), trade('2023-12-25', '2024-01-02', 'long'), trade('2024-01-03', '2024-01-04', 'short')];

  it('are in bar order, an exit before an entry at one bar, the open position last, as records with their fields in order', () => {
    const { markers, open, notes } = tradeMarkers(bars, trades);
    const exit = (trade: number, index: number, date: string, direction = 'long') => ({ kind: 'exit', direction, index, date, price: 12, trade, qty: 100, pnl: 49, returnPct: 0.049, reason: 'signal' });
    const entry = (trade: number, index: number, date: string, direction = 'long') => ({ kind: 'entry', direction, index, date, price: 11, trade, qty: 100 });
    const made = listed(markers);
    expect(made).toEqual([
      exit(2, 1, '2024-01-02'), entry(1, 1, '2024-01-02'), exit(1, 2, '2024-01-03'), entry(3, 2, '2024-01-03', 'short'), exit(3, 3, '2024-01-04', 'short'),
      { kind: 'entry', direction: 'short', index: 3, date: '2024-01-04', price: 13, trade: 0, qty: 3, approximate: true },
    ]);
    // The keys in the order the page's JSON has always had them.
    const entryKeys = 'kind,direction,index,date,price,trade,qty';
    expect(made.map((m) => Object.keys(m).join())).toEqual([`${entryKeys},pnl,returnPct,reason`, entryKeys, `${entryKeys},pnl,returnPct,reason`, entryKeys, `${entryKeys},pnl,returnPct,reason`, `${entryKeys},approximate`]);
    expect(open).toMatchObject({ direction: 'short', index: 3 });
    expect(notes).toEqual(['trade #2: entry date 2023-12-25 is not a bar of the report; its entry marker is not drawn']);
    expect(markers.at(made.length)).toBeUndefined();
  });
});
