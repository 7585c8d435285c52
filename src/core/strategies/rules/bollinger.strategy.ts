import { z } from 'zod';
import { CommissionModel } from '../../engine/commission';
import { sharesForCash } from '../../engine/sizing';
import { rollingStdBacktrader, rollingStdPop, sma } from '../../indicators';
import { BarSeries } from '../../market/bar-series';
import { Strategy, StrategyContext, StrategySetup } from '../strategy';

export const BollingerParams = z
  .object({
    period: z.number().int().min(2).default(20),
    deviations: z.number().positive().default(2),
    cashFraction: z.number().gt(0).lte(1).default(1),
    /**
     * Population standard deviation, computed stably (`population`) or as
     * sqrt(|mean(x²) − mean(x)²|) like backtrader (`backtrader`, used by the finsaber profile).
     */
    stdFormula: z.enum(['population', 'backtrader']).default('population'),
  })
  .strict();
export type BollingerParams = z.infer<typeof BollingerParams>;

/**
 * Bollinger mean reversion (long only): buys when the close first falls below the lower band,
 * sells the whole long when the close first rises above the upper band.
 */
export class BollingerStrategy implements Strategy {
  readonly name = 'bollinger';
  readonly minPeriod: number;
  private upper!: Float64Array;
  private lower!: Float64Array;
  private commission!: CommissionModel;

  constructor(private readonly params: BollingerParams) {
    this.minPeriod = params.period;
  }

  init(bars: BarSeries, setup: StrategySetup): void {
    const { period, deviations, stdFormula } = this.params;
    const mid = sma(bars.close, period);
    const sd = stdFormula === 'backtrader' ? rollingStdBacktrader(bars.close, period) : rollingStdPop(bars.close, period);
    const n = bars.length;
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.upper[i] = mid[i] + deviations * sd[i];
      this.lower[i] = mid[i] - deviations * sd[i];
    }
    this.commission = setup.commission;
  }

  onBar(ctx: StrategyContext): void {
    const t = ctx.t;
    if (t < 1) return;
    const close = ctx.bars.close;
    if (close[t] < this.lower[t] && close[t - 1] >= this.lower[t - 1]) {
      const qty = sharesForCash(ctx.cash, close[t], this.params.cashFraction, this.commission);
      if (qty > 0) ctx.submit({ side: 'buy', qty, tag: 'close fell below the lower band' });
    } else if (close[t] > this.upper[t] && close[t - 1] <= this.upper[t - 1] && ctx.position > 0) {
      ctx.submit({ side: 'sell', qty: ctx.position, tag: 'close rose above the upper band' });
    }
  }
}
