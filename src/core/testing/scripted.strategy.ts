import { BarSeries } from '../market/bar-series';
import { Strategy, StrategyContext, StrategySetup } from '../strategies/strategy';
import { OrderIntent } from '../engine/orders';

/**
 * A strategy that places pre-written orders at given bars: the engine's scenario tests and
 * property tests drive the broker with it. Not registered as a user strategy.
 */
export class ScriptedStrategy implements Strategy {
  readonly name = 'scripted';
  readonly minPeriod = 1;
  setup!: StrategySetup;

  constructor(
    private readonly script: ReadonlyMap<number, OrderIntent[] | ((ctx: StrategyContext) => void)>,
  ) {}

  init(_bars: BarSeries, setup: StrategySetup): void {
    this.setup = setup;
  }

  onBar(ctx: StrategyContext): void {
    const step = this.script.get(ctx.t);
    if (!step) return;
    if (typeof step === 'function') step(ctx);
    else for (const intent of step) ctx.submit(intent);
  }
}
