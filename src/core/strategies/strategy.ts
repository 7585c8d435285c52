import { BarSeries } from '../market/bar-series';
import { CommissionModel } from '../engine/commission';
import { MarketInputs } from '../market/market-inputs';
import { MemoryCase } from '../reflection/memory-case';
import { ReflectionQuality } from '../metrics/reflection-quality.metric';
import type { ForecastQuality } from '../metrics/forecast-quality.metric';
import { OrderIntent } from '../engine/orders';
import { TraceColumns } from '../engine/trace-columns';
import type { LlmRuntime } from '../agents/llm/llm-runtime';

/** What a strategy knows about the run before the first bar. */
export interface StrategySetup {
  allowShort: boolean;
  /** Index of the first bar of the evaluation window; bars before it are warm-up history. */
  startBar: number;
  /** The broker's commission model, for commission-aware sizing. */
  commission: CommissionModel;
  /** The broker's fill timing and slippage (for strategies that simulate their own steps). */
  fillAt: 'next-open' | 'close';
  slippageBps: number;
  /** News, earnings and filings of the symbol (empty when none were supplied). */
  inputs: MarketInputs;
  /** The language model and prompts of an llm-mode run (absent in the analytic mode). */
  llm?: LlmRuntime;
}

/**
 * The account as seen at bar t after that bar's fills. The engine reuses one object for
 * every bar, so a strategy must not keep a reference to it past `onBar`.
 */
export interface StrategyContext {
  /** Current bar index. Only data at indices <= t may be read. */
  readonly t: number;
  readonly bars: BarSeries;
  readonly cash: number;
  /** Signed position in shares (negative when short). */
  readonly position: number;
  /** Average entry price of the open position (NaN when flat). */
  readonly avgPrice: number;
  /** Cash + marked position at bar t's close. */
  readonly equity: number;
  /** Queue an order; market orders fill per the engine's `fillAt` policy. */
  submit(intent: OrderIntent): void;
  /** Cancel all pending (unfilled) orders. */
  cancelPending(): void;
  /**
   * Attach protective exit prices to the open position, checked intrabar from the next bar
   * on: a stop-loss and a take-profit (NaN for none). Cleared when the position goes flat.
   */
  setExits(stopPrice: number, takeProfitPrice: number): void;
  /** Adds an agent's output at this bar to the run's decision trace. */
  record(agent: string, output: unknown): void;
}

/**
 * A trading strategy: computes its causal indicators once in `init`, then decides at each
 * bar's close. Indicators may be computed over the whole series only if the value at index t
 * depends on data at indices <= t; the no-look-ahead contract test enforces it.
 */
export interface Strategy {
  readonly name: string;
  /** Bars (from the series start) before the first decision; the engine calls onBar from minPeriod-1. */
  readonly minPeriod: number;
  init(bars: BarSeries, setup: StrategySetup): void;
  onBar(ctx: StrategyContext): void;
  /**
   * The decision of a strategy that waits on something outside the process (a language model):
   * the asynchronous engine awaits it in place of `onBar`. The context stays valid until it settles.
   */
  onBarAsync?(ctx: StrategyContext): Promise<void>;
  /** Lets go of what an asynchronous run still has in flight (called when its loop ends, also on error). */
  dispose?(): void;
  /** Columns for its agents' outputs in the decision trace (see TraceColumns), asked for after `init` with the number of bars to run. */
  traceColumns?(bars: number): Readonly<Record<string, TraceColumns>>;
  /** Labelled memory cases the run produced (strategies that reflect). */
  memoryCases?(): MemoryCase[];
  /** What `computeReflectionQuality` gives for `memoryCases()`, read from the strategy's own columns (null without cases). */
  reflectionQuality?(splitTime: number): ReflectionQuality | null;
  /** How good the forecasts the strategy used were, each scored once its outcome was known (strategies that forecast). */
  forecastQuality?(): ForecastQuality | null;
  /** Plain statements about degraded steps of the run (e.g. memory cases refused), shown with it. */
  notes?(): string[];
}
