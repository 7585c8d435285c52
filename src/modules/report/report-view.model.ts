import { DAY_MS } from '../../core/market/dates';
import { computeMetrics, PerformanceMetrics } from '../../core/metrics';
import { adjustText } from './report-format';
import type { RecordList } from '../../core/engine/record-list';
import { OpenPosition, TradeMarker, tradeMarkers } from './report-markers';
import { drawnBars } from './report-downsample';
import { barDay, dayIndex } from './report-days';
import { buyAndHoldSeries, drawdownSeries, isoDayToSeconds } from './report-series';
import type { RunReportData, TimelineEntry } from './run-report.types';

/** One timeline entry placed on the time axis, with its signed decision score and the position held. */
export interface TimelinePoint extends TimelineEntry {
  /** Epoch seconds (UTC midnight). */
  t: number;
  score: number;
  /** The side held at that bar's close: 1 long, −1 short, 0 flat. */
  held: number;
}

/**
 * What the inline script draws: embedded in the page as JSON (`chartPayloadPieces`), the series
 * written as arrays of numbers. A series is the run's own column when every bar is drawn; then,
 * unless an equity or a close is not a finite number, the benchmark and the drawdowns are left
 * out and the page derives them from the equity, the closes and the initial cash
 * (`client/client-derived.ts`, the same values to the bit).
 */
export interface ChartPayload {
  symbol: string;
  priceLabel: string;
  initialCash: number;
  /** Epoch seconds of each bar (UTC midnight). */
  t: ArrayLike<number>;
  equity: ArrayLike<number>;
  /** Left out (the page derives them) when every bar is drawn and every equity and close is finite. */
  benchmark?: ArrayLike<number>;
  drawdown?: ArrayLike<number>;
  benchmarkDrawdown?: ArrayLike<number>;
  close: ArrayLike<number>;
  position: ArrayLike<number>;
  /** 1 for a trading day, 0 for a calendar filler bar. */
  tradingDay: ArrayLike<number>;
  /** Made as they are read (a long run's are many): see MarkerList. */
  markers: RecordList<TradeMarker>;
  timeline: TimelinePoint[] | null;
}

/** The report's data with everything it derives, ready for the template. */
export interface ReportView {
  data: RunReportData;
  /** The caller's notes first, then the report's own. */
  notes: string[];
  chart: ChartPayload;
  /** The default metrics of the buy-and-hold benchmark series (same definitions as the run's). */
  benchmarkMetrics: PerformanceMetrics | null;
  openPosition: OpenPosition | null;
  tradingDays: number;
}

/** Derives the benchmark, drawdowns, markers, timeline points and caveats of a report. */
export function buildReportView(data: RunReportData): ReportView {
  const { bars, initialCash } = data;
  const n = bars.time.length;
  for (const [name, arr] of Object.entries(bars)) {
    if ((arr as ArrayLike<number>).length !== n) throw new Error(`report bars: ${name} has ${(arr as ArrayLike<number>).length} values for ${n} dates`);
  }
  const notes = [...(data.notes ?? [])];
  if (data.header.status !== 'done') {
    notes.push(`run status is ${data.header.status}${data.header.error ? `: ${data.header.error}` : ''}; the results below may be partial or empty`);
  }
  if (n === 0) notes.push('the run has no bars: nothing to chart');

  const benchmark = buyAndHoldSeries(bars.close, initialCash);
  if (n > 0 && !Number.isFinite(benchmark[0])) notes.push('buy-and-hold benchmark unavailable: the first close is not a positive price');
  const marks = tradeMarkers(bars, data.trades, data.orders);
  notes.push(...marks.notes);
  if (marks.open) {
    const how = marks.open.approximate ? ' (entry shown at that bar\'s close: no order record)' : '';
    notes.push(`a ${marks.open.direction} position of ${marks.open.qty} shares opened on ${marks.open.date} is still open at the end${how}; it is not in the trades table`);
  }
  // A strategy without agents (every rule strategy) has no timeline, hence no timeline section.
  const timeline = data.timeline && data.timeline.length > 0 ? timelinePoints(data.timeline, bars.time, bars.position, notes) : null;

  // Epoch seconds of a bar's day (uPlot's time unit), made for the drawn bars alone.
  const secondsAt = (i: number) => Math.floor(bars.time[i] / DAY_MS) * 86_400;
  const drawn = drawnBars(secondsAt, bars.equity, bars.close, bars.position, marks.markers.index);
  const t = new Float64Array(drawn.length);
  for (let k = 0; k < drawn.length; k++) t[k] = secondsAt(drawn[k]);
  // The chart's series: the columns themselves when every bar is drawn, else the drawn bars' values.
  const pick = drawn.length === n ? (series: ArrayLike<number>) => series : (series: ArrayLike<number>) => (Array.isArray(series) ? drawn.map((i) => series[i]) : valuesAt(series, drawn));
  const markers = marks.markers;
  const sampled = drawn.length < n ? drawn : undefined;
  if (drawn.length < n) {
    notes.push(`the charts draw ${drawn.length.toLocaleString('en-US')} of the ${n.toLocaleString('en-US')} bars (the shape of the equity and price lines, every trade and every change of side); the tables and the CSV artifacts hold every bar`);
    // The markers are this view's own (tradeMarkers made them): each is moved to its drawn bar.
    const at = markers.index;
    for (let i = 0; i < at.length; i++) at[i] = drawnIndexOf(drawn, at[i]);
  }
  return {
    data,
    notes,
    chart: {
      symbol: data.header.symbol,
      priceLabel: priceLabel(data.header.symbol, data.header.adjust),
      initialCash,
      t,
      equity: pick(bars.equity),
      // A drawdown of the drawn bars alone would miss the peaks between them: a sample carries its
      // own. So does a run with a value JSON cannot carry (NaN, ±Infinity): the page could not
      // tell which it was.
      ...((drawn.length < n || !allFinite(bars.equity) || !allFinite(bars.close)) && {
        benchmark: pick(benchmark),
        drawdown: drawdownSeries(bars.equity, initialCash, sampled),
        benchmarkDrawdown: drawdownSeries(benchmark, initialCash, sampled),
      }),
      close: pick(bars.close),
      position: pick(bars.position),
      tradingDay: flags(pick(bars.tradingDay)),
      markers,
      timeline,
    },
    benchmarkMetrics: benchmarkMetrics(benchmark, initialCash, data.riskFreeRate ?? 0.03),
    openPosition: marks.open,
    tradingDays: countTradingDays(bars.tradingDay),
  };
}

/** Signed score: the entry's own, else +confidence for BUY, −confidence for SELL, 0 for HOLD. */
export function decisionScore(e: TimelineEntry): number {
  if (typeof e.score === 'number' && Number.isFinite(e.score)) return e.score;
  return e.action === 'BUY' ? e.confidence : e.action === 'SELL' ? -e.confidence : 0;
}

function timelinePoints(entries: readonly TimelineEntry[], time: ArrayLike<number>, position: ArrayLike<number>, notes: string[]): TimelinePoint[] {
  const n = time.length;
  const first = n > 0 ? barDay(time[0]) : undefined;
  const last = n > 0 ? barDay(time[n - 1]) : undefined;
  const inside = entries.filter((e) => first !== undefined && e.date >= first && e.date <= last!);
  if (inside.length < entries.length) {
    notes.push(`timeline: ${entries.length - inside.length} of ${entries.length} agent entries fall outside the run's bars and are not shown`);
  }
  const barOf = dayIndex(time);
  return inside
    .map((e) => {
      const t = isoDayToSeconds(e.date);
      const bar = barOf.get(t * 1000);
      return { ...e, t, score: decisionScore(e), held: bar === undefined ? 0 : Math.sign(position[bar]) };
    })
    .sort((a, b) => a.t - b.t);
}

/** The values of a column at the given bars (a loop: a callback per value costs more for a long run's sample). */
function valuesAt(series: ArrayLike<number>, bars: readonly number[]): Float64Array {
  const out = new Float64Array(bars.length);
  for (let k = 0; k < bars.length; k++) out[k] = series[bars[k]];
  return out;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** 1 for each truthy value, 0 for the others. */
function flags(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  return out;
}

function countTradingDays(tradingDay: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < tradingDay.length; i++) if (tradingDay[i]) count++;
  return count;
}

function priceLabel(symbol: string, adjust: string | null | undefined): string {
  return `${symbol} close` + (adjust ? ` (${adjustText(adjust)})` : '');
}

/** Buy and hold: the benchmark series as the equity of a position held on every bar, no orders or trades. */
function benchmarkMetrics(benchmark: Float64Array, initialCash: number, riskFreeRate: number): PerformanceMetrics | null {
  const n = benchmark.length;
  if (n === 0 || !allFinite(benchmark)) return null;
  // Always in the market: its exposure is 1, without a column of ones (8 MB for a million bars) to count.
  return { ...computeMetrics({ equity: benchmark, initialCash, position: NO_POSITIONS, orders: [], trades: [] }, { riskFreeRate }), exposure: 1 };
}

const NO_POSITIONS = new Float64Array(0);

/** The index in `drawn` (ascending bars) of a bar it holds: a search, not a map of every bar (4 MB for a million). */
function drawnIndexOf(drawn: readonly number[], bar: number): number {
  let lo = 0;
  let hi = drawn.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (drawn[mid] < bar) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
