import { REPORT_CLIENT_SCRIPT } from './client/report-client';
import { chartLibrary } from './report-assets';
import { chartPayloadPieces } from './report-chart-json';
import { escapeHtml as h, inlineSafe, money } from './report-format';
import { headerHtml, headlineHtml, notesHtml } from './report-header.html';
import { REPORT_CSS } from './report-styles';
import { metricsHtml, tradesHtml } from './report-tables.html';
import { timelineHtml } from './report-timeline.html';
import { llmUsageHtml } from './report-llm-usage.html';
import { forecastQualityHtml } from './report-forecast.html';
import { buildReportView, ReportView } from './report-view.model';
import type { RunReportData } from './run-report.types';

/**
 * Renders a run as one self-contained HTML document: inline CSS, the inlined uPlot library, the
 * data as a JSON script element and a small script that draws the charts. Nothing is fetched
 * when the page is viewed. Deterministic: the same data gives the same bytes.
 */
export function renderRunReport(data: RunReportData): string {
  const text: string[] = [];
  // Each piece of bytes is read before the next is made (see reportPieces).
  for (const piece of reportPieces(buildReportView(data))) {
    text.push(typeof piece === 'string' ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8'));
  }
  return text.join('');
}

/**
 * {@link renderRunReport} of a view, as its pieces in order (their concatenation is the
 * document), text or UTF-8 bytes, each made as it is taken: a long run's chart data and tables
 * are written to the file one piece at a time, never whole in memory. The stylesheets and
 * scripts every report inlines are the same bytes each time, encoded once per process; the
 * chart data are written as bytes, into a buffer refilled for the next series: a piece is only
 * valid until the next one is taken.
 */
export function* reportPieces(view: ReportView): Generator<string | Uint8Array> {
  const { data } = view;
  const lib = chartLibrary();
  const assets = inlinedAssets();
  const { header } = data;
  const head = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${h(`${header.strategy} on ${header.symbol} ${header.from}..${header.to} — ${header.runId}`)}</title>
<style>`;
  const body = `</style>
</head>
<body>
${headerHtml(view)}
${notesHtml(view.notes)}
${headlineHtml(view)}
<noscript><p>The charts need JavaScript; the tables below do not.</p></noscript>
${chartsHtml(view)}
${timelineHtml(view.chart.timeline)}
${llmUsageHtml(data.llmUsage)}
<section id="metrics-section">
<h2>Metrics</h2>
${metricsHtml(view)}
</section>
${forecastQualityHtml(data.metrics.forecast)}
<section id="trades-section">
<h2>Trades (${data.trades.length})</h2>
<p class="caption">Closed round trips; prices are average fills, P&amp;L is net of commission. Click a column header to sort.</p>
`;
  const footer = `
</section>
<footer>TradingGroup-TS backtest report · engine ${h(header.engineVersion ?? 'unknown')} · charts by uPlot ${h(lib.version)} (inlined) · self-contained, no network access.</footer>
<script type="application/json" id="report-data">`;
  yield head;
  yield assets.styles;
  yield body;
  yield tradesHtml(data.trades);
  yield footer;
  yield* chartPayloadPieces(view.chart);
  yield assets.scripts;
}

let inlined: { styles: Buffer; scripts: Buffer } | null = null;

/**
 * The stylesheets and the scripts every report inlines, made safe to inline and encoded as
 * UTF-8 once per process (uPlot's script is 51 kB), each run of them with the tags between.
 */
function inlinedAssets(): NonNullable<typeof inlined> {
  if (inlined) return inlined;
  const lib = chartLibrary();
  inlined = {
    styles: Buffer.from(`${inlineSafe(lib.css, 'style')}</style>\n<style>${inlineSafe(REPORT_CSS, 'style')}`, 'utf8'),
    scripts: Buffer.from(
      `</script>\n<script>${inlineSafe(lib.script, 'script')}</script>\n<script>${inlineSafe(REPORT_CLIENT_SCRIPT, 'script')}</script>\n</body>\n</html>\n`,
      'utf8',
    ),
  };
  return inlined;
}

function chartsHtml(view: ReportView): string {
  const { markers } = view.chart;
  let entries = 0;
  for (let i = 0; i < markers.length; i++) if (markers.at(i)!.kind === 'entry') entries++;
  const exits = markers.length - entries;
  return `<section id="equity-section">
<h2>Equity against buy-and-hold</h2>
<p class="caption">Strategy equity (cash + marked position at each close) and the buy-and-hold benchmark: ${h(money(view.data.initialCash))} × close<sub>t</sub> / close<sub>0</sub> (first bar's close, no costs). Drag to zoom (all charts follow), double-click to reset.</p>
<div class="chart" id="chart-equity"></div>
</section>
<section id="drawdown-section">
<h2>Drawdown</h2>
<p class="caption">Equity / running peak − 1, the peak starting at the initial cash.</p>
<div class="chart" id="chart-drawdown"></div>
</section>
<section id="price-section">
<h2>Price with entries and exits</h2>
<p class="caption">${h(view.chart.priceLabel)}; markers sit at the average fill price of each trade's entry and exit (${entries} entries, ${exits} exits).</p>
<div class="key">${priceKey(view)}</div>
<div class="chart" id="chart-price"></div>
<p class="info" id="price-info">Hover over the chart to read the bar, the position held and the trades near the cursor.</p>
</section>`;
}

function anyShortMarker(markers: ReportView['chart']['markers']): boolean {
  for (let i = 0; i < markers.length; i++) if (markers.at(i)!.direction === 'short') return true;
  return false;
}

/** The price chart's key: the long items always, the short and open-position items when they occur. */
function priceKey(view: ReportView): string {
  const shorts = anyShortMarker(view.chart.markers) || someShort(view.chart.position);
  const open = view.openPosition;
  const items = [
    '<span><b class="tri long-entry">▲</b>long entry (buy)</span>',
    '<span><b class="tri exit">▼</b>long exit (sell)</span>',
    shorts ? '<span><b class="tri short-entry">▼</b>short entry (sell)</span>' : '',
    shorts ? '<span><b class="tri exit">▲</b>short exit (buy to cover)</span>' : '',
    open ? `<span><b class="tri ${open.direction}-entry">${open.direction === 'long' ? '△' : '▽'}</b>entry still open at the end</span>` : '',
    '<span><i class="band held-long"></i>holding long</span>',
    shorts ? '<span><i class="band held-short"></i>holding short</span>' : '',
  ];
  return items.filter(Boolean).join('');
}

function someShort(position: ArrayLike<number>): boolean {
  for (let i = 0; i < position.length; i++) if (position[i] < 0) return true;
  return false;
}
