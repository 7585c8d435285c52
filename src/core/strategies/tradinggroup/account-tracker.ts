import { StrategyContext } from '../strategy';

/**
 * Account statistics the style agent reads, kept bar by bar from the equity the engine
 * reports: peak equity, drawdown and the return over the last `window` decisions.
 */
export class AccountTracker {
  peak = 0;
  private readonly ring: Float64Array;
  private count = 0;

  constructor(private readonly window: number) {
    this.ring = new Float64Array(window + 1);
  }

  update(ctx: StrategyContext): void {
    this.peak = Math.max(this.peak, ctx.equity);
    this.ring[this.count % this.ring.length] = ctx.equity;
    this.count++;
  }

  get drawdown(): number {
    const last = this.ring[(this.count - 1) % this.ring.length];
    return this.peak > 0 ? last / this.peak - 1 : 0;
  }

  /** Equity return over the last `window` bars (or since the first bar when fewer). */
  get recentReturn(): number {
    if (this.count < 2) return 0;
    const last = this.ring[(this.count - 1) % this.ring.length];
    const back = Math.min(this.window, this.count - 1);
    const then = this.ring[(this.count - 1 - back) % this.ring.length];
    return last / then - 1;
  }
}
