import { z } from 'zod';
import { CommissionModel } from '../../engine/commission';
import { sharesForCash } from '../../engine/sizing';
import { atrWilder, sma } from '../../indicators';
import { BarSeries } from '../../market/bar-series';
import { Strategy, StrategyContext, StrategySetup } from '../strategy';

export const AtrBandParams = z
  .object({
    period: z.number().int().min(2).default(14),
    multiplier: z.number().positive().default(1.5),
    /** Share of cash each buy uses (it may add to an open long). */
    cashFraction: z.number().gt(0).lte(1).default(1),
  })
  .strict();
export type AtrBandParams = z.infer<typeof AtrBandParams>;

/**
 * ATR band (long only): bands SMA(p) ± m·ATR(p). Buys when the low first touches the lower
 * band, sells the whole long when the high first touches the upper band.
 */
export class AtrBandStrategy implements Strategy {
  readonly name = 'atr-band';
  readonly minPeriod: number;
  private upper!: Float64Array;
  private lower!: Float64Array;
  private commission!: CommissionModel;

  constructor(private readonly params: AtrBandParams) {
    this.minPeriod = params.period + 1;
  }

  init(bars: BarSeries, setup: StrategySetup): void {
    const mid = sma(bars.close, this.params.period);
    const atr = atrWilder(bars.high, bars.low, bars.close, this.params.period);
    const n = bars.length;
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.upper[i] = mid[i] + this.params.multiplier * atr[i];
      this.lower[i] = mid[i] - this.params.multiplier * atr[i];
    }
    this.commission = setup.commission;
  }

  onBar(ctx: StrategyContext): void {
    const t = ctx.t;
    if (t < 1) return;
    const { low, high, close } = ctx.bars;
    if (low[t] <= this.lower[t] && low[t - 1] > this.lower[t - 1]) {
      const qty = sharesForCash(ctx.cash, close[t], this.params.cashFraction, this.commission);
      if (qty > 0) ctx.submit({ side: 'buy', qty, tag: 'low touched the lower ATR band' });
    } else if (high[t] >= this.upper[t] && high[t - 1] < this.upper[t - 1] && ctx.position > 0) {
      ctx.submit({ side: 'sell', qty: ctx.position, tag: 'high touched the upper ATR band' });
    }
  }
}
