import type { LlmRuntime } from '../agents/llm/llm-runtime';
import { BacktestResult } from '../engine/backtest-result';
import { EngineRun } from '../engine/engine';
import { ResolvedRun } from '../engine/execute-backtest';
import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { createStrategy } from '../strategies/registry';

/** One symbol of a paper session, run up to its newest bar. */
export interface SleeveRun {
  /** The sleeve's run: its strategy, parameters and engine settings (its share of the cash). */
  resolved: ResolvedRun;
  /** Every bar the sleeve has: the warm-up history, then the session's bars up to the newest. */
  bars: BarSeries;
  /** Index of the session's first bar in `bars` (earlier bars are warm-up, as in a backtest). */
  startBar: number;
  /** News, earnings, filings and memory, each stamped with the instant it became public. */
  inputs?: MarketInputs;
  /** The language model of an llm-mode session. */
  llm?: LlmRuntime;
  /**
   * The newest bar is the session's last: it ends as a backtest ends (the end-of-test exit when
   * the settings close at the end, pending orders cancelled). Otherwise what is pending stays open.
   */
  final: boolean;
}

/** The account of a sleeve after its newest bar. */
export interface SleeveAccount {
  cash: number;
  /** Signed shares. */
  position: number;
  /** Average entry price of the open position (NaN when flat). */
  avgPrice: number;
  /** Protective exits attached to the open position (NaN for none). */
  stopPrice: number;
  takeProfitPrice: number;
}

export interface SleeveOutcome {
  /** The run over the session's bars so far: what a backtest over the same bars would give. */
  result: BacktestResult;
  account: SleeveAccount;
  /**
   * The account was wiped out (equity at or below zero) at a bar before the newest one: like a
   * backtest, the run ended there, and the newest bar adds nothing to the sleeve.
   */
  endedBefore: boolean;
}

/**
 * The paper kernel: runs a sleeve's strategy with the backtest's engine steps (`EngineRun`:
 * fills and exits, the decision at the close, the equity point) over the session's bars so far.
 *
 * A paper session is a backtest that grows by a bar per tick. Strategies work out their causal
 * indicators over the series they are handed once, in `init`, and the no-look-ahead contract
 * guarantees that a bar's decision does not change when later bars are added; so a tick runs
 * the sleeve again over every bar it has, and everything it produced up to the previous bar is
 * what it produced then (the session checks this against what it stored). The sleeve's state is
 * therefore a function of the bars and inputs it consumed, and a restart needs nothing else.
 */
export async function runSleeve(run: SleeveRun): Promise<SleeveOutcome> {
  const { resolved, bars, startBar, final } = run;
  const strategy = createStrategy(resolved.spec.strategy.kind, resolved.params);
  const config = { ...resolved.engine, closeAtEnd: final && resolved.engine.closeAtEnd };
  const window = { startBar, endBar: bars.length };
  let endedBefore = false;
  const engine = new EngineRun(bars, strategy, config, window, run.inputs ?? NO_MARKET_INPUTS, run.llm ? { llm: run.llm } : {});
  try {
    let t = startBar;
    while (t < bars.length && (await engine.step(t))) t++;
    endedBefore = t < bars.length - 1;
  } finally {
    strategy.dispose?.();
  }
  const result = engine.finish({}, { keepPending: !final });
  const pf = engine.portfolio;
  return {
    result,
    account: { cash: pf.cash, position: pf.qty, avgPrice: pf.avgPrice, stopPrice: pf.exitStop, takeProfitPrice: pf.exitTakeProfit },
    endedBefore,
  };
}
