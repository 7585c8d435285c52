import { z } from 'zod';
import { businessDayOfMonth, DAY_MS, monthIndex } from '../../market/dates';
import { BarSeries } from '../../market/bar-series';
import { Strategy, StrategyContext } from '../strategy';

export const TurnOfMonthParams = z
  .object({
    /** The month-end window: bars whose date plus this many calendar days is in the next month. */
    daysBeforeMonthEnd: z.number().int().min(1).max(27).default(5),
    /** Exit on the first bar on or after this business day (Mon–Fri count) of the month. */
    exitBusinessDay: z.number().int().min(1).max(20).default(3),
    /** Target position value as a share of equity during the window. */
    targetFraction: z.number().gt(0).lte(1).default(0.95),
  })
  .strict();
export type TurnOfMonthParams = z.infer<typeof TurnOfMonthParams>;

/**
 * Turn of the month: holds targetFraction of equity over the last days of each month,
 * rebalancing on every bar of that window, and sells everything on the exit business day.
 * The exit rule is checked first.
 */
export class TurnOfMonthStrategy implements Strategy {
  readonly name = 'turn-of-month';
  readonly minPeriod = 1;
  /** Per bar: 1 on the exit bar, 2 inside the month-end window, 0 otherwise (from dates only). */
  private phase!: Uint8Array;

  constructor(private readonly params: TurnOfMonthParams) {}

  init(bars: BarSeries): void {
    const { exitBusinessDay, daysBeforeMonthEnd } = this.params;
    const time = bars.time;
    this.phase = new Uint8Array(bars.length);
    for (let t = 0; t < bars.length; t++) {
      const now = time[t];
      const reached = businessDayOfMonth(now) >= exitBusinessDay;
      const firstReached =
        reached && (t === 0 || monthIndex(time[t - 1]) !== monthIndex(now) || businessDayOfMonth(time[t - 1]) < exitBusinessDay);
      if (firstReached) this.phase[t] = EXIT;
      else if (monthIndex(now + daysBeforeMonthEnd * DAY_MS) !== monthIndex(now)) this.phase[t] = WINDOW;
    }
  }

  onBar(ctx: StrategyContext): void {
    const phase = this.phase[ctx.t];
    if (phase === EXIT) {
      if (ctx.position !== 0) {
        const tag = `business day ${this.params.exitBusinessDay}: exit`;
        ctx.submit({ side: ctx.position > 0 ? 'sell' : 'buy', qty: Math.abs(ctx.position), tag });
      }
      return;
    }
    if (phase !== WINDOW) return;
    const close = ctx.bars.close[ctx.t];
    const target = this.params.targetFraction * ctx.equity;
    const held = ctx.position * close;
    if (target > held) {
      const qty = Math.floor((target - held) / close);
      if (qty > 0) ctx.submit({ side: 'buy', qty, tag: 'month-end window: rebalance up to target' });
    } else if (target < held) {
      const qty = Math.floor((held - target) / close);
      if (qty > 0) ctx.submit({ side: 'sell', qty, tag: 'month-end window: rebalance down to target' });
    }
  }
}

const EXIT = 1;
const WINDOW = 2;
