import { allocateSeries, BarSeries } from '../market/bar-series';
import { DAY_MS, parseIsoDay } from '../market/dates';
import { seededRandom } from '../studies/mulberry32';

export { seededRandom };

/**
 * A reproducible random-walk OHLC series on consecutive weekdays, with regime swings so
 * crossover and band strategies trade: high >= max(open, close), low <= min(open, close).
 */
export function randomWalkSeries(n: number, seed = 1, symbol = 'RW', firstDay = '2010-01-04'): BarSeries {
  const rand = seededRandom(seed);
  const s = allocateSeries(symbol, n);
  let day = parseIsoDay(firstDay);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const drift = 0.002 * Math.sin(i / 40);
    const open = price * (1 + (rand() - 0.5) * 0.01);
    const close = open * (1 + drift + (rand() - 0.5) * 0.04);
    s.time[i] = day;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand() * 0.01);
    s.low[i] = Math.min(open, close) * (1 - rand() * 0.01);
    s.volume[i] = 1e6 * (1 + rand());
    price = close;
    day += DAY_MS * (new Date(day).getUTCDay() === 5 ? 3 : 1);
  }
  return s;
}

/** A copy of `series` with every bar from index `from` on scaled by a random factor. */
export function perturbAfter(series: BarSeries, from: number, seed = 7): BarSeries {
  const rand = seededRandom(seed);
  const s = allocateSeries(series.symbol, series.length);
  s.time.set(series.time);
  s.tradingDay.set(series.tradingDay);
  for (let i = 0; i < series.length; i++) {
    const f = i >= from ? 0.5 + rand() : 1;
    s.open[i] = series.open[i] * f;
    s.high[i] = series.high[i] * f;
    s.low[i] = series.low[i] * f;
    s.close[i] = series.close[i] * f;
    s.volume[i] = series.volume[i] * f;
  }
  return s;
}

/**
 * A series whose next move is partly predictable: each day's return keeps the sign of the day
 * before with probability `persistence` (0.5: a fair coin, no signal), with a size of about 1%.
 * The truth is known: after an up day, the next is up with probability `persistence`.
 */
export function persistentSignSeries(n: number, persistence: number, seed = 1, symbol = 'SIG'): BarSeries {
  const rand = seededRandom(seed);
  const s = allocateSeries(symbol, n);
  let day = parseIsoDay('2000-01-03');
  let price = 100;
  let sign = 1;
  for (let i = 0; i < n; i++) {
    if (rand() >= persistence) sign = -sign;
    const r = sign * (0.006 + 0.008 * rand());
    const open = price;
    const close = open * (1 + r);
    s.time[i] = day;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + 0.002 * rand());
    s.low[i] = Math.min(open, close) * (1 - 0.002 * rand());
    s.volume[i] = 1e6;
    price = close;
    day += DAY_MS * (new Date(day).getUTCDay() === 5 ? 3 : 1);
  }
  return s;
}
