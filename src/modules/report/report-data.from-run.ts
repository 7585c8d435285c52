import type { LlmUsageSummary } from '../llm/llm-usage';
import type { BacktestResult } from '../../core/engine/backtest-result';
import { DEFAULT_ENGINE_CONFIG } from '../../core/engine/engine-config';
import type { OrderRecord, Trade } from '../../core/engine/orders';
import { ordersOf, RecordList, tradesOf } from '../../core/engine/record-list';
import { parseIsoDay, weekday } from '../../core/market/dates';
import type { FinsaberMetrics, ForecastQuality, PerformanceMetrics } from '../../core/metrics';
import type { AccountingMetrics } from '../../core/engine/execute-backtest';
import type { EquityPointRow, JsonObject, RunRecord } from '../persistence/run-record';
import type { ReportBars, ReportHeader, ReportMetrics, RunReportData, TimelineEntry } from './run-report.types';

/** What a report may add to a run's stored data. */
export interface ReportExtras {
  timeline?: TimelineEntry[];
  llmUsage?: LlmUsageSummary;
  notes?: string[];
  orders?: RecordList<OrderRecord>;
  /** Overrides the initial cash read from the run's manifest or config. */
  initialCash?: number;
}

/** Extras of a report built from stored rows, which do not record trading-day flags. */
export interface StoredRunExtras extends ReportExtras {
  /**
   * One flag per equity row. Without it, Saturdays and Sundays count as calendar filler bars
   * and every other bar as a trading day (holidays cannot be told apart).
   */
  tradingDay?: boolean[];
}

/**
 * Builds the report's data from a stored run: its record, its equity rows (any order; sorted by
 * bar index here) and its trades.
 */
export function reportDataFromStoredRun(
  run: RunRecord,
  equity: EquityPointRow[],
  trades: Trade[],
  timeline?: TimelineEntry[],
  notes?: string[],
  extras: StoredRunExtras = {},
): RunReportData {
  const rows = [...equity].sort((a, b) => a.barIndex - b.barIndex);
  if (extras.tradingDay && extras.tradingDay.length !== rows.length) {
    throw new Error(`tradingDay has ${extras.tradingDay.length} flags for ${rows.length} equity rows`);
  }
  const time = Float64Array.from(rows, (r) => parseIsoDay(r.date));
  const bars: ReportBars = {
    time,
    equity: rows.map((r) => r.equity),
    close: rows.map((r) => r.close),
    position: rows.map((r) => r.position),
    tradingDay: extras.tradingDay ? extras.tradingDay.map((f) => (f ? 1 : 0)) : Array.from(time, (t) => (isWeekday(t) ? 1 : 0)),
  };
  return assemble(run, bars, trades, metricsOf(run.metrics), { ...extras, timeline, notes });
}

/**
 * Builds the report's data from a run's record and its in-memory engine result and metrics. The
 * bars are the result's own columns, not copies: a run may have a million of them.
 */
export function reportDataFromResult(
  run: RunRecord,
  result: BacktestResult,
  metrics: ReportMetrics,
  extras: ReportExtras = {},
): RunReportData {
  const bars: ReportBars = {
    time: result.time,
    equity: result.equity,
    close: result.close,
    position: result.position,
    tradingDay: result.tradingDay,
  };
  return assemble(run, bars, tradesOf(result), metrics, {
    orders: ordersOf(result),
    initialCash: result.initialCash,
    ...extras,
  });
}

function assemble(run: RunRecord, bars: ReportBars, trades: RecordList<Trade>, metrics: ReportMetrics, extras: ReportExtras): RunReportData {
  const data: RunReportData = {
    header: headerOf(run),
    initialCash: extras.initialCash ?? initialCashOf(run),
    riskFreeRate: typeof run.config.riskFreeRate === 'number' ? run.config.riskFreeRate : 0.03,
    bars,
    trades,
    metrics,
  };
  if (extras.orders) data.orders = extras.orders;
  if (extras.timeline) data.timeline = extras.timeline;
  if (extras.notes) data.notes = extras.notes;
  if (extras.llmUsage) data.llmUsage = extras.llmUsage;
  return data;
}

/** The report header of a run record (manifest fields when the run has one). */
export function headerOf(run: RunRecord): ReportHeader {
  const manifest = run.manifest ?? {};
  const resolved = asObject(manifest.resolved);
  return {
    runId: run.id,
    strategy: run.strategy,
    symbol: run.symbol,
    from: run.fromDate,
    to: run.toDate,
    profile: run.profile,
    mode: run.mode,
    status: run.status,
    createdAt: run.createdAt,
    resultHash: run.resultHash,
    engineVersion: typeof manifest.engineVersion === 'string' ? manifest.engineVersion : null,
    adjust: typeof resolved.adjust === 'string' ? resolved.adjust : null,
    params: resolved.params ? asObject(resolved.params) : null,
    error: run.error,
  };
}

/** Initial cash: the manifest's resolved engine, else the spec's override, else the engine default. */
export function initialCashOf(run: RunRecord): number {
  const resolvedEngine = asObject(asObject(run.manifest?.resolved).engine);
  const specEngine = asObject(run.config.engine);
  for (const v of [resolvedEngine.initialCash, specEngine.initialCash]) {
    if (typeof v === 'number' && v > 0) return v;
  }
  return DEFAULT_ENGINE_CONFIG.initialCash;
}

function metricsOf(stored: JsonObject | null): ReportMetrics {
  if (!stored) return { default: null };
  const metrics: ReportMetrics = { default: (stored.default as PerformanceMetrics | undefined) ?? null };
  if (stored.finsaber) metrics.finsaber = stored.finsaber as FinsaberMetrics;
  if (stored.forecast) metrics.forecast = stored.forecast as ForecastQuality;
  if (stored.accounting) metrics.accounting = stored.accounting as unknown as AccountingMetrics;
  return metrics;
}

function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}

function isWeekday(time: number): boolean {
  const wd = weekday(time);
  return wd !== 0 && wd !== 6;
}
