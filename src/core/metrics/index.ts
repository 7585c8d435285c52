/** Performance metrics of a finished run: the default set and the FINSABER table columns. */
export { computeMetrics } from './performance.metrics';
export type { MetricsInput, MetricsOptions, PerformanceMetrics } from './performance.metrics';
export { computeFinsaberMetrics } from './finsaber.metrics';
export type { FinsaberMetrics, FinsaberMetricsOptions } from './finsaber.metrics';
export { maxDrawdown } from './drawdown.metric';
export { winRate, profitFactor, avgHoldingBars } from './trade-stats.metric';
export { mean, variance, sampleStd, populationStd, simpleReturns } from './series-stats';
export { computeReflectionQuality } from './reflection-quality.metric';
export type { ReflectionQuality, QualityPart } from './reflection-quality.metric';
export { ForecastScorecard } from './forecast-quality.metric';
export type { ForecastQuality, ReliabilityBin } from './forecast-quality.metric';
