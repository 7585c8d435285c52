import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { Strategy, StrategyContext } from '../strategies/strategy';
import { BacktestResult, DecisionTraceEntry } from './backtest-result';
import { Broker } from './broker';
import { DecisionTrace } from './decision-trace';
import { MemoryCase } from '../reflection/memory-case';
import { EngineConfig } from './engine-config';
import { OrderIntent } from './orders';
import { Portfolio } from './portfolio';

/** The bars [startBar, endBar) of the series that are traded and measured. */
export interface EvaluationWindow {
  startBar: number;
  endBar: number;
}

export interface RunHooks {
  /** Called every few thousand bars and at the end with the share of the window done. */
  onProgress?: (fraction: number) => void;
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
  const { startBar, endBar } = window;
  if (!(startBar >= 0 && endBar <= bars.length && startBar < endBar)) {
    throw new Error(`empty evaluation window [${startBar}, ${endBar}) for ${bars.length} bars of ${bars.symbol}`);
  }
  const n = endBar - startBar;
  const portfolio = new Portfolio(config.initialCash, config.shortModel, Math.min(2048, Math.max(32, n >> 2)));
  const broker = new Broker(bars, config, portfolio);
  const equity = new Float64Array(n);
  const cash = new Float64Array(n);
  const position = new Float64Array(n);
  strategy.init(bars, { allowShort: config.allowShort, startBar, commission: config.commission, fillAt: config.fillAt, slippageBps: config.slippageBps, inputs });
  const ctx = new EngineContext(bars, broker, new DecisionTrace(strategy.traceColumns?.(n), window));

  const firstDecision = Math.max(startBar, strategy.minPeriod - 1);
  const fillAtClose = config.fillAt === 'close';
  const close = bars.close;
  const progressEvery = 1 << 16;
  for (let t = startBar; t < endBar; t++) {
    if (broker.hasPending) broker.processOpen(t);
    if (portfolio.qty !== 0 && !(Number.isNaN(portfolio.exitStop) && Number.isNaN(portfolio.exitTakeProfit))) {
      broker.checkExits(t);
    }
    if (t >= firstDecision) {
      ctx.at(t, close[t]);
      strategy.onBar(ctx);
      if (fillAtClose && broker.hasPending) broker.processClose(t);
    }
    if (t === endBar - 1 && config.closeAtEnd) broker.closePositionAtClose(t, 'end-of-test');
    const i = t - startBar;
    equity[i] = portfolio.equity(close[t]);
    cash[i] = portfolio.cash;
    position[i] = portfolio.qty;
    if (hooks.onProgress && (i & (progressEvery - 1)) === 0) hooks.onProgress(i / n);
  }
  broker.cancelPending(endBar - 1, 'end of test');
  hooks.onProgress?.(1);

  const trace = ctx.trace;
  let memory: MemoryCase[] | undefined;
  return {
    symbol: bars.symbol,
    startBar,
    endBar,
    initialCash: config.initialCash,
    time: bars.time.subarray(startBar, endBar),
    equity,
    cash,
    position,
    close: bars.close.subarray(startBar, endBar),
    tradingDay: bars.tradingDay.subarray(startBar, endBar),
    activeFrom: firstDecision - startBar,
    orders: broker.log.toRecords(),
    trades: portfolio.trades.toTrades(),
    // Built as objects when first read (stored, shown, exported): the run keeps it in columns.
    get trace(): DecisionTraceEntry[] {
      return trace.entries(bars.time);
    },
    // Built as objects when first read, like the trace.
    get memory(): MemoryCase[] {
      return (memory ??= strategy.memoryCases?.() ?? []);
    },
    notes: strategy.notes?.() ?? [],
  };
}

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
