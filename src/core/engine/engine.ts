import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { Strategy, StrategyContext, StrategySetup } from '../strategies/strategy';
import { BacktestResult, DecisionTraceEntry, LedgerColumns } from './backtest-result';
import { Broker } from './broker';
import { DecisionTrace } from './decision-trace';
import { MemoryCase } from '../reflection/memory-case';
import { EngineConfig } from './engine-config';
import { OrderIntent, OrderRecord, Trade } from './orders';
import { orderRecords, tradeRecords } from './record-list';
import { Portfolio } from './portfolio';
import { isoDay } from '../market/dates';
import { float64Column } from '../market/float-column';

/** The bars [startBar, endBar) of the series that are traded and measured. */
export interface EvaluationWindow {
  startBar: number;
  endBar: number;
}

export interface RunHooks {
  /** Called every few thousand bars and at the end with the share of the window done. */
  onProgress?: (fraction: number) => void;
  /** Aborting it stops an asynchronous run at the next bar (with the signal's reason). */
  signal?: AbortSignal;
  /**
   * Asked every {@link STOP_CHECK_EVERY} bars of a synchronous run, which no event can reach
   * while it runs (a run on a worker thread reads a flag its parent sets): true stops the run
   * there with a RunHaltedError.
   */
  shouldStop?: () => boolean;
}

/** How often (in bars) a synchronous run asks `shouldStop`: a power of two. */
export const STOP_CHECK_EVERY = 64;

/** A run stopped part-way because its `shouldStop` hook asked for it. */
export class RunHaltedError extends Error {
  override readonly name = 'RunHaltedError';
}

/**
 * Runs one strategy over one symbol's bars. Per bar: pending orders fill (next bar's open by
 * default) → protective exits are checked intrabar → the strategy decides at the close →
 * (fill-at-close orders fill) → one equity point is recorded. Bars before the window are
 * warm-up history: indicators see them, nothing trades on them.
 */
export function runBacktest(
  bars: BarSeries,
  strategy: Strategy,
  config: EngineConfig,
  window: EvaluationWindow = { startBar: 0, endBar: bars.length },
  hooks: RunHooks = {},
  inputs: MarketInputs = NO_MARKET_INPUTS,
): BacktestResult {
  const run = new EngineRun(bars, strategy, config, window, inputs);
  // The bar steps of EngineRun written out with locals: this loop is the engine's hot path.
  const { startBar, endBar, firstDecision, ctx, broker, portfolio, equity, cash, position, interest } = run;
  const n = endBar - startBar;
  const fillAtClose = config.fillAt === 'close';
  const closeAtEnd = config.closeAtEnd;
  const accrues = broker.accrues;
  const maintains = run.maintains;
  const stopAtZero = config.stopAtZeroEquity;
  const shouldStop = hooks.shouldStop;
  const close = bars.close;
  for (let t = startBar; t < endBar; t++) {
    if (accrues) broker.accrue(t);
    if (broker.hasPending) broker.processOpen(t);
    if (portfolio.qty !== 0 && !(Number.isNaN(portfolio.exitStop) && Number.isNaN(portfolio.exitTakeProfit))) {
      broker.checkExits(t);
    }
    if (t >= firstDecision) {
      ctx.at(t, close[t]);
      strategy.onBar(ctx);
      if (fillAtClose && broker.hasPending) broker.processClose(t);
    }
    if (maintains) broker.checkMaintenance(t);
    if (t === endBar - 1 && closeAtEnd) broker.closePositionAtClose(t, 'end-of-test');
    const i = t - startBar;
    equity[i] = portfolio.equity(close[t]);
    if (stopAtZero && equity[i] <= 0) {
      run.wipeOut(t);
      break;
    }
    cash[i] = portfolio.cash;
    position[i] = portfolio.qty;
    if (interest !== null) interest[i] = portfolio.interest;
    if (hooks.onProgress && (i & (PROGRESS_EVERY - 1)) === 0) hooks.onProgress(i / n);
    if (shouldStop && (i & (STOP_CHECK_EVERY - 1)) === 0 && shouldStop()) throw new RunHaltedError(`the run was stopped at bar ${t}`);
  }
  return run.finish(hooks);
}

/**
 * The same run for a strategy whose decisions wait on something outside the process (agents
 * on a language model): the bar loop awaits `onBarAsync` at each close. Everything else (fills,
 * exits, accounting, the result) is the synchronous engine's.
 */
export async function runBacktestAsync(
  bars: BarSeries,
  strategy: Strategy,
  config: EngineConfig,
  window: EvaluationWindow = { startBar: 0, endBar: bars.length },
  hooks: RunHooks = {},
  inputs: MarketInputs = NO_MARKET_INPUTS,
  setup: Partial<StrategySetup> = {},
): Promise<BacktestResult> {
  const run = new EngineRun(bars, strategy, config, window, inputs, setup);
  const { startBar, endBar } = run;
  try {
    for (let t = startBar; t < endBar; t++) {
      hooks.signal?.throwIfAborted();
      if (!(await run.step(t))) break;
      // A decision waits on the network: progress at every bar costs nothing beside it.
      hooks.onProgress?.((t - startBar + 1) / (endBar - startBar));
    }
  } finally {
    strategy.dispose?.();
  }
  return run.finish(hooks);
}

/** How a run ends: a backtest's end cancels what is still pending; a paper session's bar so far leaves it open. */
export interface FinishOptions {
  /** Leave orders still pending after the last bar as they are (status `pending`), instead of cancelling them. */
  keepPending?: boolean;
}

/**
 * The state of one engine run and the steps of a bar around the strategy's decision. The
 * synchronous loop (`runBacktest`) writes these steps out inline; the asynchronous loop and the
 * paper kernel (`core/paper`) call `step` bar by bar.
 */
export class EngineRun {
  readonly startBar: number;
  readonly endBar: number;
  readonly firstDecision: number;
  readonly broker: Broker;
  readonly ctx: EngineContext;
  readonly portfolio: Portfolio;
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  readonly position: Float64Array;
  /**
   * Interest credited on cash up to each bar's close; null when the cash earns none (a column
   * of zeros would cost a long run 8 bytes a bar for nothing).
   */
  readonly interest: Float64Array | null;
  /** Whether a short's maintenance margin is checked at each close. */
  readonly maintains: boolean;
  /** The bar whose close found the equity at or below zero, where the run ended (−1: none). */
  private wipedOutAt = -1;

  constructor(
    private readonly bars: BarSeries,
    private readonly strategy: Strategy,
    private readonly config: EngineConfig,
    window: EvaluationWindow,
    inputs: MarketInputs,
    setup: Partial<StrategySetup> = {},
  ) {
    const { startBar, endBar } = window;
    if (!(startBar >= 0 && endBar <= bars.length && startBar < endBar)) {
      throw new Error(`empty evaluation window [${startBar}, ${endBar}) for ${bars.length} bars of ${bars.symbol}`);
    }
    this.startBar = startBar;
    this.endBar = endBar;
    const n = endBar - startBar;
    this.portfolio = new Portfolio(config.initialCash, config.shortModel, Math.min(2048, Math.max(32, n >> 2)));
    this.broker = new Broker(bars, config, this.portfolio);
    this.equity = float64Column(n);
    this.cash = float64Column(n);
    this.position = float64Column(n);
    this.interest = this.broker.earnsInterest ? float64Column(n) : null;
    this.maintains = config.allowShort && config.shortModel === 'margin' && config.maintenanceMarginRate > 0;
    strategy.init(bars, { allowShort: config.allowShort, startBar, commission: config.commission, fillAt: config.fillAt, slippageBps: config.slippageBps, inputs, ...setup });
    this.ctx = new EngineContext(bars, this.broker, new DecisionTrace(strategy.traceColumns?.(n), window));
    this.firstDecision = Math.max(startBar, strategy.minPeriod - 1);
  }

  /** Before the decision at t: pending orders fill, protective exits are checked. */
  open(t: number): void {
    const { broker, portfolio } = this;
    if (broker.accrues) broker.accrue(t);
    if (broker.hasPending) broker.processOpen(t);
    if (portfolio.qty !== 0 && !(Number.isNaN(portfolio.exitStop) && Number.isNaN(portfolio.exitTakeProfit))) {
      broker.checkExits(t);
    }
  }

  /**
   * One whole bar t: fills and exits, the strategy's decision at the close (awaited), then t's
   * equity point. False when the equity was wiped out at this close and the run ends.
   */
  async step(t: number): Promise<boolean> {
    this.open(t);
    if (t >= this.firstDecision) {
      const { ctx, strategy, broker } = this;
      ctx.at(t, this.bars.close[t]);
      await (strategy.onBarAsync ? strategy.onBarAsync(ctx) : strategy.onBar(ctx));
      if (this.config.fillAt === 'close' && broker.hasPending) broker.processClose(t);
    }
    return this.close(t);
  }

  /**
   * After the decision at t: the maintenance check, the end-of-test exit on the last bar, then
   * t's equity point. False when the equity was wiped out at this close and the run ends.
   */
  close(t: number): boolean {
    const { portfolio } = this;
    if (this.maintains) this.broker.checkMaintenance(t);
    if (t === this.endBar - 1 && this.config.closeAtEnd) this.broker.closePositionAtClose(t, 'end-of-test');
    const i = t - this.startBar;
    this.equity[i] = portfolio.equity(this.bars.close[t]);
    if (this.config.stopAtZeroEquity && this.equity[i] <= 0) {
      this.wipeOut(t);
      return false;
    }
    this.cash[i] = portfolio.cash;
    this.position[i] = portfolio.qty;
    if (this.interest !== null) this.interest[i] = portfolio.interest;
    return true;
  }

  /**
   * The equity at t's close is at or below zero: what is left is closed at that close (reason
   * `margin-call`), orders still pending are cancelled, and t is the run's last bar.
   */
  wipeOut(t: number): void {
    const { broker, portfolio } = this;
    broker.cancelPending(t, 'account wiped out');
    broker.closePositionAtClose(t, 'margin-call');
    const i = t - this.startBar;
    this.equity[i] = portfolio.equity(this.bars.close[t]);
    this.cash[i] = portfolio.cash;
    this.position[i] = portfolio.qty;
    if (this.interest !== null) this.interest[i] = portfolio.interest;
    this.wipedOutAt = t;
  }

  finish(hooks: RunHooks, options: FinishOptions = {}): BacktestResult {
    const { bars, strategy, broker, portfolio, startBar } = this;
    const wiped = this.wipedOutAt >= 0;
    // A wiped-out account's run ends at that close: its series stop there.
    const endBar = wiped ? this.wipedOutAt + 1 : this.endBar;
    const n = endBar - startBar;
    if (!options.keepPending) broker.cancelPending(endBar - 1, 'end of test');
    hooks.onProgress?.(1);
    const trace = this.ctx.trace;
    const notes = strategy.notes?.() ?? [];
    if (wiped) {
      notes.push(`the equity reached ${this.equity[n - 1].toFixed(2)} at the close of ${isoDay(bars.time[endBar - 1])}: the account was wiped out and the run ended there (no ratio is computed on an equity at or below zero)`);
    }
    const result: Omit<BacktestResult, 'trace' | 'memory' | 'traceNotes' | 'ledgerColumns' | 'orders' | 'trades'> = {
      symbol: bars.symbol,
      startBar,
      endBar,
      initialCash: this.config.initialCash,
      time: bars.time.subarray(startBar, endBar),
      equity: wiped ? this.equity.subarray(0, n) : this.equity,
      cash: wiped ? this.cash.subarray(0, n) : this.cash,
      position: wiped ? this.position.subarray(0, n) : this.position,
      ...(this.interest !== null && { interest: wiped ? this.interest.subarray(0, n) : this.interest }),
      borrowFees: portfolio.borrowFees,
      close: bars.close.subarray(startBar, endBar),
      tradingDay: bars.tradingDay.subarray(startBar, endBar),
      activeFrom: this.firstDecision - startBar,
      notes,
    };
    // A run that goes on (a paper session's step) changes its columns after this: its records
    // are made now. A finished one hands its columns over, and its records are made if asked for.
    const ledger: LedgerColumns | OrdersAndTrades = options.keepPending
      ? { orders: broker.log.toRecords(), trades: portfolio.trades.toTrades() }
      : { orders: broker.log.columns(), trades: portfolio.trades.columns() };
    return withLazyParts(result, trace, bars.time, strategy.memoryCases ? () => strategy.memoryCases!() : null, ledger);
  }
}

type OrdersAndTrades = Pick<BacktestResult, 'orders' | 'trades'>;

/**
 * The result's trace, memory, orders and trades, built as objects when first read (stored,
 * shown, exported): the run keeps them in columns, and a finished run's outputs read its orders
 * and trades from its columns (`ordersOf`, `tradesOf`). Made outside `finish` so that the
 * getters keep only what they read, not the bars' other columns nor a strategy without memory
 * cases (with its indicators): a long run's result then lets those go once the engine is done.
 */
function withLazyParts(
  result: Omit<BacktestResult, 'trace' | 'memory' | 'traceNotes' | 'ledgerColumns' | 'orders' | 'trades'>,
  trace: DecisionTrace,
  time: Float64Array,
  memoryCases: (() => MemoryCase[]) | null,
  ledger: LedgerColumns | OrdersAndTrades,
): BacktestResult {
  let memory: MemoryCase[] | undefined;
  let columns = Array.isArray(ledger.orders) ? null : (ledger as LedgerColumns);
  let records: Partial<OrdersAndTrades> = columns ? {} : (ledger as OrdersAndTrades);
  const lazy: BacktestResult = {
    ...result,
    get trace(): DecisionTraceEntry[] {
      return trace.entries(time);
    },
    get memory(): MemoryCase[] {
      return (memory ??= memoryCases?.() ?? []);
    },
    get orders(): OrderRecord[] {
      return (records.orders ??= orderRecords(columns!.orders));
    },
    set orders(orders: OrderRecord[]) {
      recordsReplaced({ orders });
    },
    get trades(): Trade[] {
      return (records.trades ??= tradeRecords(columns!.trades));
    },
    set trades(trades: Trade[]) {
      recordsReplaced({ trades });
    },
  };
  // Records given in place of the engine's are what the result holds from then on: its columns no longer are.
  const recordsReplaced = (replaced: Partial<OrdersAndTrades>) => {
    records = { orders: lazy.orders, trades: lazy.trades, ...replaced };
    columns = null;
  };
  // Not enumerable: a copy of the result (spread, or sent to another thread) leaves it out, and
  // its notes then come from its trace.
  Object.defineProperty(lazy, 'traceNotes', { value: () => trace.notes(), enumerable: false });
  // The same for the orders' and trades' columns: a copy has its records only.
  Object.defineProperty(lazy, 'ledgerColumns', { value: () => columns ?? undefined, enumerable: false });
  return lazy;
}

const PROGRESS_EVERY = 1 << 16;

/** The one context object handed to the strategy at every bar (no per-bar allocation). */
class EngineContext implements StrategyContext {
  t = 0;
  cash = 0;
  position = 0;
  avgPrice = NaN;
  equity = 0;
  constructor(
    readonly bars: BarSeries,
    private readonly broker: Broker,
    readonly trace: DecisionTrace,
  ) {}

  at(t: number, close: number): void {
    const pf = this.broker.portfolio;
    this.t = t;
    this.cash = pf.cash;
    this.position = pf.qty;
    this.avgPrice = pf.avgPrice;
    this.equity = pf.equity(close);
  }

  submit(intent: OrderIntent): void {
    this.broker.submit(intent, this.t);
  }

  cancelPending(): void {
    this.broker.cancelPending(this.t);
  }

  record(agent: string, output: unknown): void {
    this.trace.record(this.t, agent, output);
  }

  setExits(stopPrice: number, takeProfitPrice: number): void {
    const pf = this.broker.portfolio;
    if (pf.qty === 0) return;
    pf.exitStop = stopPrice;
    pf.exitTakeProfit = takeProfitPrice;
  }
}
