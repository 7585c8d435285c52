import { z } from 'zod';
import { CommissionModel } from '../../engine/commission';
import { sharesForCash } from '../../engine/sizing';
import { crossover, sma, wma } from '../../indicators';
import { BarSeries } from '../../market/bar-series';
import { Strategy, StrategyContext, StrategySetup } from '../strategy';

export const MaCrossParams = z
  .object({
    fast: z.number().int().positive().default(10),
    slow: z.number().int().positive().default(20),
    /** Share of cash a new position uses. */
    tradeSize: z.number().gt(0).lte(1).default(0.95),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] });
export type MaCrossParams = z.infer<typeof MaCrossParams>;

/**
 * Moving-average crossover (simple or linearly weighted). Up-cross: cover any short, then buy
 * with tradeSize of cash. Down-cross: sell the long, then, when shorting is on, short
 * tradeSize of cash. Both sizes use the cash before the closing order fills.
 */
export class MaCrossStrategy implements Strategy {
  readonly name: string;
  readonly minPeriod: number;
  private cross!: ArrayLike<number>;
  private allowShort = false;
  private commission!: CommissionModel;

  constructor(
    private readonly average: 'sma' | 'wma',
    private readonly params: MaCrossParams,
  ) {
    this.name = `${average}-cross`;
    this.minPeriod = params.slow + 1;
  }

  init(bars: BarSeries, setup: StrategySetup): void {
    const ma = this.average === 'sma' ? sma : wma;
    this.cross = crossover(ma(bars.close, this.params.fast), ma(bars.close, this.params.slow));
    this.allowShort = setup.allowShort;
    this.commission = setup.commission;
  }

  onBar(ctx: StrategyContext): void {
    const signal = this.cross[ctx.t];
    if (signal === 0) return;
    const close = ctx.bars.close[ctx.t];
    const { fast, slow, tradeSize } = this.params;
    const label = `${this.average}${fast} crossed ${signal > 0 ? 'above' : 'below'} ${this.average}${slow}`;
    if (signal > 0) {
      if (ctx.position < 0) ctx.submit({ side: 'buy', qty: -ctx.position, tag: `cover: ${label}` });
      const qty = sharesForCash(ctx.cash, close, tradeSize, this.commission);
      if (qty > 0) ctx.submit({ side: 'buy', qty, tag: label });
      return;
    }
    if (ctx.position > 0) ctx.submit({ side: 'sell', qty: ctx.position, tag: label });
    if (!this.allowShort) return;
    const qty = Math.floor((tradeSize * ctx.cash) / close);
    if (qty > 0) ctx.submit({ side: 'sell', qty, tag: `short: ${label}` });
  }
}
