import { adjustText, escapeHtml as h, money, num, percent } from './report-format';
import { barDay } from './report-days';
import { paramsHtml } from './report-params.html';
import type { ReportView } from './report-view.model';

/** The run's title and facts. */
export function headerHtml(view: ReportView): string {
  const { header, bars, initialCash } = view.data;
  const n = bars.time.length;
  const fillers = n - view.tradingDays;
  const span = n > 0 ? `${barDay(bars.time[0])} → ${barDay(bars.time[n - 1])}` : 'no bars';
  const barsText = `${n} bars (${span})` + (fillers > 0 ? `, ${view.tradingDays} trading days + ${fillers} calendar filler bars` : '');
  const facts: [string, string | null | undefined, string?][] = [
    ['Run id', header.runId, 'mono'],
    ['Strategy', header.strategy],
    ['Symbol', header.symbol],
    ['Window', `${header.from} .. ${header.to}`],
    ['Bars', barsText],
    ['Profile', header.profile],
    ['Mode', header.mode],
    ['Status', header.status, `status status-${header.status}`],
    ['Initial cash', money(initialCash)],
    ['Prices', header.adjust ? adjustText(header.adjust) : null],
    ['Created', header.createdAt],
    ['Engine version', header.engineVersion],
    ['Result hash', header.resultHash, 'mono hash'],
  ];
  const items = facts
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v, cls]) => `<div><dt>${h(k)}</dt><dd${cls ? ` class="${h(cls)}"` : ''}>${h(v)}</dd></div>`)
    .join('');
  return `<header class="run-header">
<h1>${h(header.strategy)} on ${h(header.symbol)} <span class="sub">${h(header.from)} .. ${h(header.to)}</span></h1>
<dl class="facts">${items}</dl>
${paramsHtml(header.params ?? null)}
</header>`;
}

/** Caveats (fallbacks, missing data, open positions), shown before any number. */
export function notesHtml(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const items = notes.map((n) => `<li>${h(n)}</li>`).join('');
  return `<section class="notes" id="notes" role="note">
<h2>Read this first: ${notes.length === 1 ? '1 note' : `${notes.length} notes`} on this run</h2>
<ul>${items}</ul>
</section>`;
}

/** The headline numbers, strategy against buy-and-hold. */
export function headlineHtml(view: ReportView): string {
  const m = view.data.metrics.default;
  if (!m) return '';
  const b = view.benchmarkMetrics;
  const vs = (text: string): string => (b ? `<span class="vs">buy &amp; hold ${h(text)}</span>` : '');
  const tone = (v: number | null): string => (v === null ? '' : v > 0 ? ' pos' : v < 0 ? ' neg' : '');
  const cards = [
    ['Total return', percent(m.totalReturn), tone(m.totalReturn), vs(percent(b?.totalReturn))],
    ['Annual return', percent(m.annualReturn), tone(m.annualReturn), vs(percent(b?.annualReturn))],
    ['Max drawdown', percent(m.maxDrawdown), ' neg', vs(percent(b?.maxDrawdown))],
    ['Sharpe', num(m.sharpe), '', vs(num(b?.sharpe))],
    ['Trades', num(m.tradeCount, 0), '', `<span class="vs">win rate ${h(percent(m.winRate, 0))}</span>`],
    ['Final equity', money(m.finalEquity), '', vs(money(b?.finalEquity))],
  ];
  return `<div class="headline" id="headline">${cards
    .map(([k, v, cls, sub]) => `<div><div class="k">${h(k)}</div><div class="v${cls}">${h(v)}</div>${sub}</div>`)
    .join('')}</div>`;
}
