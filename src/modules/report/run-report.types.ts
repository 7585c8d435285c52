import type { LlmUsageSummary } from '../llm/llm-usage';
import type { OrderRecord, Trade } from '../../core/engine/orders';
import type { RecordList } from '../../core/engine/record-list';
import type { FinsaberMetrics, ForecastQuality, PerformanceMetrics } from '../../core/metrics';
import type { AccountingMetrics } from '../../core/engine/execute-backtest';

/** Who the run is: shown at the top of the report. */
export interface ReportHeader {
  runId: string;
  strategy: string;
  symbol: string;
  /** ISO day of the window's first requested date. */
  from: string;
  /** ISO day of the window's last requested date. */
  to: string;
  profile: string;
  mode: string;
  status: string;
  /** ISO-8601 UTC timestamp. */
  createdAt: string;
  resultHash: string | null;
  engineVersion: string | null;
  /** Price adjustment applied to the bars (`none`, `splits`, `total`), when known. */
  adjust?: string | null;
  /** Resolved strategy parameters, when known. */
  params?: Record<string, unknown> | null;
  /** Why the run failed, when it did. */
  error?: string | null;
}

/**
 * The run's per-bar series over its evaluation window, one entry per bar, in order: a run's own
 * columns (typed arrays) or plain arrays. Calendar filler bars (finsaber profile) have
 * `tradingDay` 0.
 */
export interface ReportBars {
  /** Epoch ms of each bar's day (00:00 UTC). */
  time: ArrayLike<number>;
  /** Cash + marked position at each bar's close. */
  equity: ArrayLike<number>;
  /** Close price (the mark), in the run's adjustment. */
  close: ArrayLike<number>;
  /** Signed shares held at each bar's close. */
  position: ArrayLike<number>;
  /** 1 for a trading day, 0 for a calendar filler bar. */
  tradingDay: ArrayLike<number>;
}

export type AgentAction = 'BUY' | 'SELL' | 'HOLD';
export type TradingStyle = 'aggressive' | 'balanced' | 'conservative';

/** The forecasting agent's class probabilities at one decision. */
export interface TimelineForecast {
  pUp: number;
  pDown: number;
  pSideways: number;
  label: string;
}

/** What the TradingGroup agents said at one decision (one bar). */
export interface TimelineEntry {
  /** ISO day of the decision bar. */
  date: string;
  action: AgentAction;
  /** The decision's confidence, 0..1. */
  confidence: number;
  style: TradingStyle;
  /** Signed decision score in [−1, 1]; defaults to +confidence for BUY, −confidence for SELL, 0 for HOLD. */
  score?: number;
  /** News agent's sentiment score, −1..1. */
  news?: number;
  /** Financial-report agent's score, −1..1. */
  report?: number;
  forecast?: TimelineForecast;
  /** Why risk forced or overrode the action (e.g. `stop-loss`). */
  forced?: string;
  /** The reflection note recorded at this bar. */
  reflection?: string;
}

/** The run's metrics as stored: the default set, and FINSABER's cells in the finsaber profile. */
export interface ReportMetrics {
  default: PerformanceMetrics | null;
  finsaber?: FinsaberMetrics | null;
  /** Calibration of the forecasts (strategies that forecast). */
  forecast?: ForecastQuality | null;
  /** The account's flows besides trades (cash interest). */
  accounting?: AccountingMetrics | null;
}

/** Everything `renderRunReport` needs: plain data. */
export interface RunReportData {
  header: ReportHeader;
  /** Cash at the start; the buy-and-hold benchmark and the drawdown peak start from it. */
  initialCash: number;
  /** Annual risk-free rate of the run (fraction), for the benchmark's Sharpe and Sortino; default 0.03. */
  riskFreeRate?: number;
  bars: ReportBars;
  /** Closed round trips (read by index: a long run's are read from its ledger columns). */
  trades: RecordList<Trade>;
  /** The run's orders, when available: used to price an entry still open at the end. */
  orders?: RecordList<OrderRecord>;
  metrics: ReportMetrics;
  /** Agent signals per bar (TradingGroup strategy only). */
  timeline?: TimelineEntry[];
  /** Fallbacks, missing data and other caveats: shown prominently at the top. */
  notes?: string[];
  /** llm-mode runs: calls, tokens, cost and fallbacks per agent. */
  llmUsage?: LlmUsageSummary;
}
