import { z } from 'zod';
import { CommissionModel } from '../../engine/commission';
import { sharesForCash } from '../../engine/sizing';
import { BarSeries } from '../../market/bar-series';
import { Strategy, StrategyContext, StrategySetup } from '../strategy';

export const BuyAndHoldParams = z
  .object({
    /** Share of cash invested (commission-aware). */
    cashFraction: z.number().gt(0).lte(1).default(1),
  })
  .strict();
export type BuyAndHoldParams = z.infer<typeof BuyAndHoldParams>;

/** Buys with all cash while flat (re-ordering if a fill was refused) and never sells. */
export class BuyAndHoldStrategy implements Strategy {
  readonly name = 'buy-and-hold';
  readonly minPeriod = 1;
  private commission!: CommissionModel;

  constructor(private readonly params: BuyAndHoldParams) {}

  init(_bars: BarSeries, setup: StrategySetup): void {
    this.commission = setup.commission;
  }

  onBar(ctx: StrategyContext): void {
    if (ctx.position !== 0) return;
    const qty = sharesForCash(ctx.cash, ctx.bars.close[ctx.t], this.params.cashFraction, this.commission);
    if (qty > 0) ctx.submit({ side: 'buy', qty, tag: 'enter and hold' });
  }
}
