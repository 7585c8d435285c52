import { DEFAULT_ENGINE_CONFIG } from '../engine/engine-config';
import { lowerBound, sliceSeries } from '../market/bar-series';
import { isoDay } from '../market/dates';
import { reindexToCalendarDays } from './calendar-reindex';
import { Profile } from './profile';

/**
 * The FINSABER harness's policies (see docs/finsaber-profile.md): total-return adjusted
 * prices, only bars in [from, to) with `to` exclusive and no warm-up history, reindexed to
 * calendar days with forward fill; fills at the next (calendar) bar's open with a pre-check
 * at the signal close and fill-time rejection; cash-secured shorts allowed; nothing
 * liquidated at the end; FINSABER's metric definitions.
 */
export const FINSABER_PROFILE: Profile = {
  name: 'finsaber',
  description: 'FINSABER / backtrader semantics: calendar-day bars, cold indicators, cash-secured shorts',
  adjust: 'total',
  engine: {
    ...DEFAULT_ENGINE_CONFIG,
    initialCash: 100_000,
    fillAt: 'next-open',
    slippageBps: 0,
    allowShort: true,
    shortModel: 'cash-secured',
    onInsufficientCash: 'reject',
    precheckAtSignalPrice: true,
    closeAtEnd: false,
    // backtrader keeps going whatever the equity, and has no maintenance margin.
    stopAtZeroEquity: false,
    maintenanceMarginRate: 0,
  },
  strategyParams: { bollinger: { stdFormula: 'backtrader' } },
  metrics: 'finsaber',
  // backtrader pays no interest on cash, and FINSABER's published cells assume none.
  cashRate: 'none',
  prepare(series, from, to) {
    const start = lowerBound(series.time, from);
    const end = lowerBound(series.time, to);
    if (end <= start) {
      throw new Error(`no ${series.symbol} bars in [${isoDay(from)}, ${isoDay(to)}) (the finsaber profile's end date is exclusive)`);
    }
    const bars = reindexToCalendarDays(sliceSeries(series, start, end));
    return { bars, window: { startBar: 0, endBar: bars.length } };
  },
};
