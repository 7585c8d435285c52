/**
 * Deterministic test data for the indicator specs: a seeded generator and a random-walk OHLC
 * series. Pure (no Math.random), so the same seed always gives the same bars.
 */

import { seededRandom } from '../testing/random-walk';

/** mulberry32: the seeded generator of the core's test fixtures. */
export const mulberry32 = seededRandom;

/** OHLC columns of one random-walk series. */
export interface Ohlc {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

/**
 * A random walk of `n` daily bars starting near 100: close-to-close moves of up to ±3%, an
 * overnight gap of up to ±1%, high >= max(open, close) and low <= min(open, close).
 */
export function randomWalkOhlc(n: number, seed: number): Ohlc {
  const rnd = mulberry32(seed);
  const bars: Ohlc = {
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
  };
  let prev = 100;
  for (let t = 0; t < n; t++) {
    const open = prev * (1 + (rnd() - 0.5) * 0.02);
    const close = open * (1 + (rnd() - 0.5) * 0.06);
    bars.open[t] = open;
    bars.close[t] = close;
    bars.high[t] = Math.max(open, close) * (1 + rnd() * 0.015);
    bars.low[t] = Math.min(open, close) * (1 - rnd() * 0.015);
    prev = close;
  }
  return bars;
}

/** The first `k` bars, copied (a point-in-time cut). */
export function truncateOhlc(bars: Ohlc, k: number): Ohlc {
  return {
    open: bars.open.slice(0, k),
    high: bars.high.slice(0, k),
    low: bars.low.slice(0, k),
    close: bars.close.slice(0, k),
  };
}
