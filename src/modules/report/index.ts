/** The self-contained HTML report of a run (`backtests/<run-id>/report.html`). */
export { renderRunReport, reportPieces } from './run-report.renderer';
export { reportDataFromResult, reportDataFromStoredRun, headerOf, initialCashOf } from './report-data.from-run';
export type { ReportExtras, StoredRunExtras } from './report-data.from-run';
export { buildReportView, decisionScore } from './report-view.model';
export type { ChartPayload, ReportView, TimelinePoint } from './report-view.model';
export type { OpenPosition, TradeMarker } from './report-markers';
export type {
  AgentAction, ReportBars, ReportHeader, ReportMetrics, RunReportData, TimelineEntry, TimelineForecast, TradingStyle,
} from './run-report.types';
