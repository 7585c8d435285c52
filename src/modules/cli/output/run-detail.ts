import type { Trade } from '../../../core/engine/orders';
import type { FinsaberMetrics, PerformanceMetrics } from '../../../core/metrics';
import type { RunRecord } from '../../persistence/run-record';
import { fixed, integer, money, percent } from './format';
import { renderPairs, renderTable } from './table';
import { isoDay } from '../../../core/market/dates';

/** The full text view of one run: header, metrics, FINSABER cells, timings, recent trades. */
export function renderRunDetail(run: RunRecord, trades: Trade[], maxTrades = 10): string {
  const lines: string[] = [];
  lines.push(`Run ${run.id}  [${run.status}]`);
  lines.push(`${run.strategy} on ${run.symbol}, ${run.fromDate}..${run.toDate}, profile ${run.profile}, mode ${run.mode}`);
  if (run.error) lines.push(`reason: ${run.error}`);
  const m = (run.metrics ?? {}) as { default?: PerformanceMetrics; finsaber?: FinsaberMetrics };
  if (m.default) {
    const d = m.default;
    lines.push('', renderPairs([
      ['Bars', integer(d.bars)],
      ['Final equity', money(d.finalEquity)],
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
  if (m.finsaber) {
    const f = m.finsaber;
    lines.push('', 'FINSABER cells:', renderTable(['SPR', 'CR%', 'MDD%', 'AV%'], [[fixed(f.spr, 3), fixed(f.cr, 3), fixed(f.mdd, 3), fixed(f.av, 3)]], ['right', 'right', 'right', 'right']));
  }
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
