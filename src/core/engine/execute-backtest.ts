import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { parseIsoDay } from '../market/dates';
import { computeFinsaberMetrics, computeMetrics, computeReflectionQuality, FinsaberMetrics, ForecastQuality, PerformanceMetrics, ReflectionQuality } from '../metrics';
import { AdjustPolicy, getProfile, Profile } from '../profiles';
import { createStrategy, resolveParams } from '../strategies/registry';
import { BacktestResult } from './backtest-result';
import { EvaluationWindow, RunHooks, runBacktest, runBacktestAsync } from './engine';
import { Strategy } from '../strategies/strategy';
import type { LlmRuntime } from '../agents/llm/llm-runtime';
import { DEFAULT_ENGINE_CONFIG, EngineConfig } from './engine-config';
import { RunSpec } from './run-spec';

/** A run spec with its profile applied: the engine settings and strategy parameters in full. */
export interface ResolvedRun {
  spec: RunSpec;
  profile: Profile;
  adjust: AdjustPolicy;
  engine: EngineConfig;
  params: Record<string, unknown>;
}

export interface RunMetrics {
  /** The default definitions (trading-day returns, fractions). */
  default: PerformanceMetrics;
  /** FINSABER's definitions, in its published units (finsaber profile only). */
  finsaber?: FinsaberMetrics;
  /** Forecast and decision quality in the first vs second half of the window (reflective strategies). */
  reflection?: ReflectionQuality;
  /** Calibration of the forecasts over the window: Brier against the class frequencies, hit rates, reliability by decile. */
  forecast?: ForecastQuality;
  /** What the account earned and paid besides trading. */
  accounting?: AccountingMetrics;
}

/** The account's flows besides trades: the interest its cash earned and the fees its shorts paid over the window. */
export interface AccountingMetrics {
  /** Annual rate the free cash earned. */
  cashRate: number;
  /** Interest credited over the window. */
  cashInterest: number;
  /** Annual borrow fee on shorts, and the fees charged over the window. */
  borrowFeeRate: number;
  borrowFees: number;
}

export interface ExecutedBacktest {
  resolved: ResolvedRun;
  result: BacktestResult;
  metrics: RunMetrics;
}

/**
 * Applies the profile to a spec: profile engine settings under the spec's overrides,
 * profile strategy parameters under the spec's, every default filled in. Unless the spec sets a
 * cash rate, cash earns the run's risk-free rate in the default profile and nothing in finsaber.
 */
export function resolveRun(spec: RunSpec): ResolvedRun {
  const profile = getProfile(spec.profile);
  const cashRate = profile.cashRate === 'risk-free' ? spec.riskFreeRate : 0;
  const engine: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...profile.engine, cashRate, ...spec.engine };
  const params = resolveParams(spec.strategy.kind, { ...profile.strategyParams[spec.strategy.kind], ...spec.strategy.params });
  return { spec, profile, adjust: spec.adjust ?? profile.adjust, engine, params };
}

/** Runs a resolved spec over a loaded (already adjusted) series and measures it. */
export function executeBacktest(resolved: ResolvedRun, series: BarSeries, hooks: RunHooks = {}, inputs: MarketInputs = NO_MARKET_INPUTS): ExecutedBacktest {
  const { bars, window, strategy } = prepare(resolved, series);
  return measure(resolved, strategy, runBacktest(bars, strategy, resolved.engine, window, hooks, inputs));
}

/**
 * The same for a strategy whose agents ask a language model (`llm`): the engine awaits each
 * decision. Everything else (profile, engine settings, metrics) is the synchronous path's.
 */
export async function executeBacktestAsync(
  resolved: ResolvedRun,
  series: BarSeries,
  hooks: RunHooks = {},
  inputs: MarketInputs = NO_MARKET_INPUTS,
  llm?: LlmRuntime,
): Promise<ExecutedBacktest> {
  const { bars, window, strategy } = prepare(resolved, series);
  const result = await runBacktestAsync(bars, strategy, resolved.engine, window, hooks, inputs, llm ? { llm } : {});
  return measure(resolved, strategy, result);
}

function prepare(resolved: ResolvedRun, series: BarSeries): { bars: BarSeries; window: EvaluationWindow; strategy: Strategy } {
  const { spec, profile, params } = resolved;
  const { bars, window } = profile.prepare(series, parseIsoDay(spec.from), parseIsoDay(spec.to));
  return { bars, window, strategy: createStrategy(spec.strategy.kind, params) };
}

function measure(resolved: ResolvedRun, strategy: Strategy, result: BacktestResult): ExecutedBacktest {
  const { spec, profile } = resolved;
  const metrics: RunMetrics = { default: computeMetrics(result, { riskFreeRate: spec.riskFreeRate }) };
  const interest = result.interest;
  metrics.accounting = {
    cashRate: resolved.engine.cashRate,
    cashInterest: interest && interest.length > 0 ? interest[interest.length - 1] : 0,
    borrowFeeRate: resolved.engine.borrowFeeRate,
    borrowFees: result.borrowFees ?? 0,
  };
  if (profile.metrics === 'finsaber') metrics.finsaber = computeFinsaberMetrics(result, { riskFreeRate: spec.riskFreeRate });
  const split = result.time[result.time.length >> 1];
  const reflection = strategy.reflectionQuality ? strategy.reflectionQuality(split) : result.memory.length > 0 ? computeReflectionQuality(result.memory, split) : null;
  if (reflection) metrics.reflection = reflection;
  const forecast = strategy.forecastQuality?.() ?? null;
  if (forecast) metrics.forecast = forecast;
  return { resolved, result, metrics };
}
