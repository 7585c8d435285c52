import { z } from 'zod';
import { AtrBandParams, AtrBandStrategy } from './rules/atr-band.strategy';
import { BollingerParams, BollingerStrategy } from './rules/bollinger.strategy';
import { BuyAndHoldParams, BuyAndHoldStrategy } from './rules/buy-and-hold.strategy';
import { MaCrossParams, MaCrossStrategy } from './rules/ma-cross.strategy';
import { TurnOfMonthParams, TurnOfMonthStrategy } from './rules/turn-of-month.strategy';
import { Strategy } from './strategy';
import { TradingGroupParams } from './tradinggroup/tradinggroup.params';
import { TradingGroupStrategy } from './tradinggroup/tradinggroup.strategy';

/** A strategy kind: how to validate its parameters (with defaults) and build it. */
export interface StrategyKind {
  readonly description: string;
  /** True for strategies made of agents: they read news, earnings, filings and memory. */
  readonly usesAgents: boolean;
  readonly params: z.ZodType<Record<string, unknown>>;
  create(params: Record<string, unknown>): Strategy;
}

function kind<S extends z.ZodType<Record<string, unknown>>>(
  description: string,
  params: S,
  create: (p: z.infer<S>) => Strategy,
  usesAgents = false,
): StrategyKind {
  return { description, params, usesAgents, create: (p) => create(params.parse(p)) };
}

/** Every strategy kind the engine knows, by the name used in strategy files. */
export const STRATEGY_KINDS: Readonly<Record<string, StrategyKind>> = {
  'buy-and-hold': kind('Buy with all cash on the first bar and hold', BuyAndHoldParams, (p) => new BuyAndHoldStrategy(p)),
  'sma-cross': kind('Simple moving-average crossover', MaCrossParams, (p) => new MaCrossStrategy('sma', p)),
  'wma-cross': kind('Weighted moving-average crossover', MaCrossParams, (p) => new MaCrossStrategy('wma', p)),
  'atr-band': kind('SMA ± ATR band breakouts (long only)', AtrBandParams, (p) => new AtrBandStrategy(p)),
  bollinger: kind('Bollinger band mean reversion (long only)', BollingerParams, (p) => new BollingerStrategy(p)),
  'turn-of-month': kind('Hold over the turn of each month', TurnOfMonthParams, (p) => new TurnOfMonthStrategy(p)),
  tradinggroup: kind(
    'The TradingGroup multi-agent pipeline (news, report, forecast, style, decision, risk, reflection)',
    TradingGroupParams,
    (p) => new TradingGroupStrategy(p),
    true,
  ),
};

/** Builds a strategy of `kindName`, validating `params` (missing ones take their defaults). */
export function createStrategy(kindName: string, params: Record<string, unknown> = {}): Strategy {
  const k = STRATEGY_KINDS[kindName];
  if (!k) throw new Error(`unknown strategy kind "${kindName}" (known: ${Object.keys(STRATEGY_KINDS).join(', ')})`);
  return k.create(params);
}

/** The parameters of `kindName` with every default filled in. */
export function resolveParams(kindName: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const k = STRATEGY_KINDS[kindName];
  if (!k) throw new Error(`unknown strategy kind "${kindName}" (known: ${Object.keys(STRATEGY_KINDS).join(', ')})`);
  return k.params.parse(params);
}
