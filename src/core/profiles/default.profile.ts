import { DEFAULT_ENGINE_CONFIG } from '../engine/engine-config';
import { lowerBound, truncateSeries } from '../market/bar-series';
import { DAY_MS, isoDay } from '../market/dates';
import { Profile } from './profile';

/**
 * The sane profile: trading-day bars, every bar before `from` is indicator warm-up history,
 * `to` is inclusive and the bars after it are not handed to the strategy, long-only unless
 * asked, next-open fills, open positions closed at the end.
 */
export const DEFAULT_PROFILE: Profile = {
  name: 'default',
  description: 'Trading-day bars, warm-up from earlier history, inclusive end date, next-open fills',
  adjust: 'auto',
  engine: DEFAULT_ENGINE_CONFIG,
  strategyParams: {},
  metrics: 'default',
  cashRate: 'risk-free',
  prepare(series, from, to) {
    const startBar = lowerBound(series.time, from);
    const endBar = lowerBound(series.time, to + DAY_MS);
    if (endBar <= startBar) {
      const range = series.length ? `${isoDay(series.time[0])}..${isoDay(series.time[series.length - 1])}` : 'no bars';
      throw new Error(`no ${series.symbol} bars between ${isoDay(from)} and ${isoDay(to)} (data covers ${range})`);
    }
    // Bars after the window are cut off (a view, no copy): no strategy can read them, and
    // indicators are not computed over years the run never reaches.
    return { bars: truncateSeries(series, endBar), window: { startBar, endBar } };
  },
};
