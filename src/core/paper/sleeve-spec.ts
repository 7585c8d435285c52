import { RunSpecInput } from '../engine/run-spec';
import { PaperSessionSpec } from './paper-spec';

/**
 * The backtest spec a sleeve of a session trades as: the session's strategy and settings on one
 * symbol, with an equal share of the session's cash, over `from`..`to` (its first bar to its newest).
 */
export function sleeveRunSpec(spec: PaperSessionSpec, symbol: string, from: string, to: string): RunSpecInput {
  return {
    strategy: spec.strategy,
    symbol,
    from,
    to,
    profile: 'default',
    mode: spec.mode,
    ...(spec.adjust !== undefined && { adjust: spec.adjust }),
    engine: { ...spec.engine, initialCash: spec.cash / spec.symbols.length },
    riskFreeRate: spec.riskFreeRate,
    seed: spec.seed,
    ...(spec.llm !== undefined && { llm: spec.llm }),
  };
}
