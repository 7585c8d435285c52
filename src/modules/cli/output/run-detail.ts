import type { Trade } from '../../../core/engine/orders';
import type { FinsaberMetrics, ForecastQuality, PerformanceMetrics, ReflectionQuality } from '../../../core/metrics';
import { renderForecastQuality } from './forecast-quality.view';
import type { AccountingMetrics } from '../../../core/engine/execute-backtest';
import type { RunRecord } from '../../persistence/run-record';
import { fixed, integer, money, percent } from './format';
import { renderPairs, renderTable } from './table';
import { isoDay } from '../../../core/market/dates';
import type { LlmUsageSummary } from '../../llm/llm-usage';

/** The full text view of one run: header, metrics, FINSABER cells, timings, recent trades. */
export function renderRunDetail(
  run: RunRecord,
  trades: Trade[],
  options: { usage?: LlmUsageSummary | null; queuePosition?: number | null; maxTrades?: number } = {},
): string {
  const { usage = null, maxTrades = 10 } = options;
  const lines: string[] = [];
  lines.push(`Run ${run.id}  [${run.status}]`);
  lines.push(`${run.strategy} on ${run.symbol}, ${run.fromDate}..${run.toDate}, profile ${run.profile}, mode ${run.mode}`);
  if ((run.status === 'queued' || run.status === 'running') && run.owner) {
    const place = run.status === 'queued' && options.queuePosition ? `place ${options.queuePosition} in the queue of ` : '';
    const progress = run.status === 'running' ? `${Math.round(run.progress * 100)}% done, ` : '';
    lines.push(`${run.status}: ${progress}${place}process ${run.owner.pid} on ${run.owner.host} (last heartbeat ${run.heartbeatAt ?? 'none'})`);
  }
  if (run.error) lines.push(`reason: ${run.error}`);
  const notes = ((run.manifest as { notes?: string[] } | null)?.notes ?? []);
  for (const note of notes) lines.push(`note: ${note}`);
  const m = (run.metrics ?? {}) as { default?: PerformanceMetrics; finsaber?: FinsaberMetrics; reflection?: ReflectionQuality; forecast?: ForecastQuality; accounting?: AccountingMetrics };
  if (m.default) {
    const d = m.default;
    lines.push('', renderPairs([
      ['Bars', integer(d.bars)],
      ['Final equity', money(d.finalEquity)],
      ...(m.accounting ? [['Cash interest', `${money(m.accounting.cashInterest)} (${percent(m.accounting.cashRate)} a year)`] as [string, string]] : []),
      ...(m.accounting?.borrowFees ? [['Borrow fees', `${money(m.accounting.borrowFees)} (${percent(m.accounting.borrowFeeRate)} a year)`] as [string, string]] : []),
      ['Cumulative return', percent(d.totalReturn)],
      ['Annual return', percent(d.annualReturn)],
      ['Sharpe', fixed(d.sharpe)],
      ['Sortino', fixed(d.sortino)],
      ['Calmar', fixed(d.calmar)],
      ['Max drawdown', percent(d.maxDrawdown)],
      ['Annual volatility', percent(d.annualVolatility)],
      ['Trades', integer(d.tradeCount)],
      ['Win rate', percent(d.winRate)],
      ['Profit factor', fixed(d.profitFactor)],
      ['Exposure', percent(d.exposure)],
      ['Turnover (annual)', fixed(d.turnover)],
      ['Avg holding (bars)', fixed(d.avgHoldingBars, 1)],
    ]));
  }
  if (m.reflection) {
    const q = m.reflection;
    lines.push('', 'Reflection (first half → second half of the window):', renderTable(
      ['', 'Cases', 'Forecast hit rate', 'Brier', 'Best action taken', 'Mean regret'],
      [
        ['first half', integer(q.firstHalf.cases), percent(q.firstHalf.hitRate), fixed(q.firstHalf.brier, 3), percent(q.firstHalf.bestActionRate), percent(q.firstHalf.meanRegret, 3)],
        ['second half', integer(q.secondHalf.cases), percent(q.secondHalf.hitRate), fixed(q.secondHalf.brier, 3), percent(q.secondHalf.bestActionRate), percent(q.secondHalf.meanRegret, 3)],
      ],
      ['left', 'right', 'right', 'right', 'right', 'right'],
    ));
  }
  if (m.forecast && m.forecast.forecasts > 0) lines.push('', renderForecastQuality(m.forecast));
  if (m.finsaber) {
    const f = m.finsaber;
    lines.push('', 'FINSABER cells:', renderTable(['SPR', 'CR%', 'MDD%', 'AV%'], [[fixed(f.spr, 3), fixed(f.cr, 3), fixed(f.mdd, 3), fixed(f.av, 3)]], ['right', 'right', 'right', 'right']));
  }
  if (usage) lines.push('', renderLlmUsage(usage));
  const timings = Object.entries(run.timings ?? {});
  if (timings.length) lines.push('', `timings: ${timings.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (run.resultHash) lines.push(`result hash: ${run.resultHash}`);
  if (run.artifactsDir) lines.push(`artifacts: ${run.artifactsDir}`);
  if (trades.length) {
    const shown = trades.slice(-maxTrades);
    lines.push('', `Trades (${shown.length} of ${trades.length}, most recent last):`);
    lines.push(renderTable(
      ['Entry', 'Exit', 'Dir', 'Qty', 'Entry px', 'Exit px', 'P&L', 'Return', 'Reason'],
      shown.map((t) => [isoDay(t.entryTime), isoDay(t.exitTime), t.direction, integer(t.qty), fixed(t.entryPrice), fixed(t.exitPrice), money(t.pnl), percent(t.returnPct), t.exitReason]),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ));
  }
  return lines.join('\n');
}

/** Calls, tokens, cost and fallbacks per agent of an llm run, with the totals. */
export function renderLlmUsage(u: LlmUsageSummary): string {
  const fallbacks = (n: number | null) => (n === null ? 'n/a' : integer(n));
  const rows = u.agents.map((a) => [
    a.agent,
    integer(a.liveCalls),
    integer(a.recordedCalls),
    integer(a.requests),
    integer(a.repairs),
    integer(a.unavailable),
    fallbacks(a.fallbacks),
    integer(a.promptTokens),
    integer(a.completionTokens),
    `$${a.costUsd.toFixed(4)}`,
    a.meanLatencyMs === null ? '–' : `${Math.round(a.meanLatencyMs)} ms`,
  ]);
  rows.push(['all', integer(u.liveCalls), integer(u.recordedCalls), integer(u.requests), '', '', fallbacks(u.fallbacks), integer(u.promptTokens), integer(u.completionTokens), `$${u.costUsd.toFixed(4)}`, '']);
  return [
    'LLM usage (calls: asked of the model; recorded: answered from a record; requests: HTTP requests, retries included):',
    renderTable(
      ['Agent', 'Calls', 'Recorded', 'Requests', 'Repairs', 'No answer', 'Fallbacks', 'Prompt tok', 'Answer tok', 'Cost', 'Latency'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  ].join('\n');
}
