import type { RecordList } from '../../core/engine/record-list';
import type { Trade } from '../../core/engine/orders';
import { isoDay } from '../../core/market/dates';
import type { FinsaberMetrics, PerformanceMetrics } from '../../core/metrics';
import { escapeHtml as h, money, num, percent, percentUnits, shares, signedMoney, sortKey } from './report-format';
import type { ReportView } from './report-view.model';

type Metric = keyof PerformanceMetrics;
interface MetricRow {
  key: Metric;
  label: string;
  unit: string;
  format: (v: unknown) => string;
  /** Shown for the buy-and-hold benchmark too. */
  benchmark: boolean;
}

const count = (v: unknown): string => num(v, 0);
const METRIC_ROWS: MetricRow[] = [
  { key: 'finalEquity', label: 'Final equity', unit: 'USD', format: money, benchmark: true },
  { key: 'totalReturn', label: 'Total return (CR)', unit: '%', format: (v) => percent(v), benchmark: true },
  { key: 'annualReturn', label: 'Annual return (ARR)', unit: '% / year', format: (v) => percent(v), benchmark: true },
  { key: 'sharpe', label: 'Sharpe ratio', unit: 'ratio, annualised', format: (v) => num(v), benchmark: true },
  { key: 'sortino', label: 'Sortino ratio', unit: 'ratio, annualised', format: (v) => num(v), benchmark: true },
  { key: 'calmar', label: 'Calmar ratio', unit: 'ARR / |MDD|', format: (v) => num(v), benchmark: true },
  { key: 'maxDrawdown', label: 'Max drawdown (MDD)', unit: '%', format: (v) => percent(v), benchmark: true },
  { key: 'annualVolatility', label: 'Annual volatility (AV)', unit: '% / √year', format: (v) => percent(v), benchmark: true },
  { key: 'winRate', label: 'Win rate', unit: '% of trades', format: (v) => percent(v, 1), benchmark: false },
  { key: 'profitFactor', label: 'Profit factor', unit: 'gross profit / gross loss', format: (v) => num(v), benchmark: false },
  { key: 'tradeCount', label: 'Trades', unit: 'round trips', format: count, benchmark: false },
  { key: 'avgHoldingBars', label: 'Average holding', unit: 'bars', format: (v) => num(v, 1), benchmark: false },
  { key: 'exposure', label: 'Exposure', unit: '% of bars in the market', format: (v) => percent(v, 1), benchmark: true },
  { key: 'turnover', label: 'Turnover', unit: '× mean equity / year', format: (v) => num(v), benchmark: false },
  { key: 'bars', label: 'Bars', unit: 'window bars', format: count, benchmark: true },
];

/** The default metrics of the run beside those of the buy-and-hold benchmark, then FINSABER's cells. */
export function metricsHtml(view: ReportView): string {
  const m = view.data.metrics.default;
  const b = view.benchmarkMetrics;
  const body = m
    ? METRIC_ROWS.map((r) => `<tr><th scope="row">${h(r.label)}</th><td class="num">${h(r.format(m[r.key]))}</td>` +
        `<td class="num">${h(r.benchmark && b ? r.format(b[r.key]) : '–')}</td><td class="unit">${h(r.unit)}</td></tr>`).join('\n')
    : '<tr class="empty"><td colspan="4">No metrics were stored for this run.</td></tr>';
  const table = `<table class="metrics" id="metrics-table">
<thead><tr><th scope="col">Metric</th><th scope="col" class="num">Strategy</th><th scope="col" class="num">Buy &amp; hold</th><th scope="col">Unit</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
  const f = view.data.metrics.finsaber;
  const a = view.data.metrics.accounting;
  const fees = a && a.borrowFees ? ` Shorts paid ${h(money(a.borrowFees))} of borrow fees (${h(percent(a.borrowFeeRate))} a year).` : '';
  const interest = a ? ` Free cash earned ${h(percent(a.cashRate))} a year, ${h(money(a.cashInterest))} over the window (in the strategy's equity; the buy-and-hold curve holds no cash).${fees}` : '';
  return `<div class="metrics-grid"><div>${table}
<p class="caption">Returns are computed per bar; ratios are annualised with 252 bars a year. The buy-and-hold column uses the benchmark curve of the equity chart with the same definitions.${interest}</p></div>
${f ? finsaberHtml(f) : ''}</div>`;
}

function finsaberHtml(f: FinsaberMetrics): string {
  const rows: [string, string, string][] = [
    ['SPR (Sharpe)', num(f.spr, 3), 'ratio'],
    ['CR', percentUnits(f.cr), '%'],
    ['MDD', percentUnits(f.mdd), '%'],
    ['AV', percentUnits(f.av), '%'],
    ['Annual return', percent(f.annualReturn), '% / year (not in the table)'],
  ];
  const body = rows.map(([k, v, u]) => `<tr><th scope="row">${h(k)}</th><td class="num">${h(v)}</td><td class="unit">${h(u)}</td></tr>`).join('\n');
  return `<div><table class="metrics" id="finsaber-table">
<caption>FINSABER cells (its definitions and units)</caption>
<thead><tr><th scope="col">Cell</th><th scope="col" class="num">Value</th><th scope="col">Unit</th></tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

const TRADE_COLUMNS: [string, 'num' | 'text'][] = [
  ['#', 'num'], ['Direction', 'text'], ['Entry date', 'text'], ['Entry price', 'num'], ['Exit date', 'text'], ['Exit price', 'num'],
  ['Shares', 'num'], ['P&L', 'num'], ['Return', 'num'], ['Bars held', 'num'], ['Exit reason', 'text'], ['Commission', 'num'],
];

/**
 * Trades the report's table lists: a run with more lists its first and last half of this many
 * (a table of every trade of a long run makes a page of tens of megabytes that a browser
 * struggles with); `trades.csv` beside the report holds every trade.
 */
export const REPORT_TRADE_ROWS = 1_000;

/** A cell of the trades table: its text and sort key as given (escaped by the caller where needed). */
function cell(text: string, key: string, cls: string): string {
  return `<td${cls ? ` class="${cls}"` : ''} data-v="${key}">${text}</td>`;
}

/** The closed trades (all, or the first and last ones of a long run, said above the table); the headers sort the rows (inline script). */
export function tradesHtml(trades: RecordList<Trade>): string {
  const head = TRADE_COLUMNS.map(([label, type], i) =>
    `<th scope="col" class="${type === 'num' ? 'num ' : ''}sortable" data-col="${i}" data-type="${type}" tabindex="0">${h(label)}</th>`).join('');
  const half = REPORT_TRADE_ROWS / 2;
  const partial = trades.length > REPORT_TRADE_ROWS;
  const listed: number[] = [];
  for (let i = 0; i < trades.length; i++) if (!partial || i < half || i >= trades.length - half) listed.push(i);
  const rows = listed.map((i) => {
    const t = trades.at(i)!;
    const entry = Number.isFinite(t.entryTime) ? isoDay(t.entryTime) : '–';
    const exit = Number.isFinite(t.exitTime) ? isoDay(t.exitTime) : '–';
    const tone = t.pnl > 0 ? 'num pos' : t.pnl < 0 ? 'num neg' : 'num';
    const index = String(i + 1);
    const direction = h(t.direction);
    const reason = h(t.exitReason);
    // Dates and the formatters' numbers hold nothing to escape; the record's texts are escaped.
    return (
      `<tr>${cell(index, index, 'num')}${cell(direction, direction, `dir-${t.direction}`)}${cell(entry, entry, '')}` +
      `${cell(money(t.entryPrice), sortKey(t.entryPrice), 'num')}${cell(exit, exit, '')}${cell(money(t.exitPrice), sortKey(t.exitPrice), 'num')}` +
      `${cell(shares(t.qty), sortKey(t.qty), 'num')}${cell(signedMoney(t.pnl), sortKey(t.pnl), tone)}${cell(percent(t.returnPct), sortKey(t.returnPct), tone)}` +
      `${cell(num(t.barsHeld, 0), sortKey(t.barsHeld), 'num')}${cell(reason, reason, '')}${cell(money(t.commission), sortKey(t.commission), 'num')}</tr>`
    );
  });
  const body = rows.length > 0 ? rows.join('\n') : `<tr class="empty"><td colspan="${TRADE_COLUMNS.length}">No closed trades.</td></tr>`;
  const shown = partial
    ? `<p class="caption" id="trades-shown">The table lists the first ${num(half, 0)} and the last ${num(half, 0)} of the ${num(trades.length, 0)} trades (sorting orders these rows); <code>trades.csv</code> beside this report holds every trade.</p>\n`
    : '';
  return `${shown}<div class="table-scroll"><table class="trades" id="trades-table">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}
