import { isoDay } from '../../core/market/dates';
import type { Trade } from '../../core/engine/orders';
import type { RunRecord, RunSummaryRecord } from '../persistence/run-record';
import type { RunDetailDto, RunSummaryDto } from './dto/run.dto';
import type { TradeDto } from './dto/run-results.dto';

/**
 * The listed view of a run; `liveFraction` is the progress of a run executing in this server,
 * `queuePosition` a queued run's place in its queue.
 */
export function runSummary(r: RunSummaryRecord, liveFraction?: number, queuePosition: number | null = null): RunSummaryDto {
  const fraction = r.status === 'running' && liveFraction !== undefined ? Math.max(liveFraction, r.progress) : r.progress;
  return {
    id: r.id,
    status: r.status,
    progressPct: Math.round(fraction * 1000) / 10,
    strategy: r.strategy,
    symbol: r.symbol,
    profile: r.profile,
    mode: r.mode,
    from: r.fromDate,
    to: r.toDate,
    metrics: r.metrics,
    queuePosition: r.status === 'queued' ? queuePosition : null,
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** `GET /backtests/:id`: the summary with configuration, manifest, timings and result hash. */
export function runDetail(r: RunRecord, liveFraction?: number, queuePosition: number | null = null): RunDetailDto {
  return { ...runSummary(r, liveFraction, queuePosition), config: r.config, manifest: r.manifest, timings: r.timings, resultHash: r.resultHash };
}

/** A trade with its dates as ISO days. */
export function tradeView(t: Trade): TradeDto {
  return {
    direction: t.direction,
    entryBar: t.entryBar,
    entryDate: isoDay(t.entryTime),
    entryPrice: t.entryPrice,
    exitBar: t.exitBar,
    exitDate: isoDay(t.exitTime),
    exitPrice: t.exitPrice,
    qty: t.qty,
    maxQty: t.maxQty,
    pnl: t.pnl,
    returnPct: t.returnPct,
    commission: t.commission,
    exitReason: t.exitReason,
    barsHeld: t.barsHeld,
  };
}

/** The kind of strategy a run used, from its stored spec. */
export function strategyKindOf(r: RunRecord): string {
  const strategy = r.config.strategy as { kind?: unknown } | undefined;
  return typeof strategy?.kind === 'string' ? strategy.kind : r.strategy;
}
