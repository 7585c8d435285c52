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
  private tags!: { up: string; cover: string; down: string; short: string };

  constructor(
    private readonly average: 'sma' | 'wma',
    private readonly params: MaCrossParams,
  ) {
    this.name = `${average}-cross`;
    this.minPeriod = params.slow + 1;
  }

  init(bars: BarSeries, setup: StrategySetup): void {
    const ma = this.average === 'sma' ? sma : wma;
    const { fast, slow } = this.params;
    // The signals take the fast average's place: a long run keeps one column, not three.
    const fastAverage = ma(bars.close, fast);
    this.cross = crossover(fastAverage, ma(bars.close, slow), fastAverage);
    this.allowShort = setup.allowShort;
    this.commission = setup.commission;
    // Built once: an order's tag is shared, not rebuilt per order.
    const up = `${this.average}${fast} crossed above ${this.average}${slow}`;
    const down = `${this.average}${fast} crossed below ${this.average}${slow}`;
    this.tags = { up, cover: `cover: ${up}`, down, short: `short: ${down}` };
  }

  onBar(ctx: StrategyContext): void {
    const signal = this.cross[ctx.t];
    if (signal === 0) return;
    const close = ctx.bars.close[ctx.t];
    const tags = this.tags;
    if (signal > 0) {
      if (ctx.position < 0) ctx.submit({ side: 'buy', qty: -ctx.position, tag: tags.cover });
      const qty = sharesForCash(ctx.cash, close, this.params.tradeSize, this.commission);
      if (qty > 0) ctx.submit({ side: 'buy', qty, tag: tags.up });
      return;
    }
    if (ctx.position > 0) ctx.submit({ side: 'sell', qty: ctx.position, tag: tags.down });
    if (!this.allowShort) return;
    const qty = Math.floor((this.params.tradeSize * ctx.cash) / close);
    if (qty > 0) ctx.submit({ side: 'sell', qty, tag: tags.short });
  }
}
