import { seriesFromRows } from './bar-series';
import { seriesMemo } from './series-memo';

const DAY = 86_400_000;
const rows = [1, 2, 3, 4].map((k) => ({ time: k * DAY, open: 10 + k, high: 11 + k, low: 9 + k, close: 10.5 + k, volume: 1000 * k }));

describe('seriesMemo', () => {
  it('derives a value once per series and key', () => {
    const bars = seriesFromRows('AAPL', rows);
    let derived = 0;
    const derive = () => ({ n: ++derived });
    const first = seriesMemo(bars).get('k', derive);
    expect(seriesMemo(bars).get('k', derive)).toBe(first);
    expect(seriesMemo({ ...bars }).get('k', derive)).toBe(first);
    expect(seriesMemo(bars).get('other', derive)).not.toBe(first);
    expect(derived).toBe(2);
  });

  it('derives afresh for a series changed in place, whichever column changed', () => {
    for (const column of ['time', 'open', 'high', 'low', 'close', 'volume', 'tradingDay'] as const) {
      const bars = seriesFromRows('AAPL', rows);
      const before = seriesMemo(bars).get('k', () => ({}));
      bars[column][2] = column === 'tradingDay' ? 0 : bars[column][2] + 0.5;
      const after = seriesMemo(bars).get('k', () => ({}));
      expect(after).not.toBe(before);
      // The memo of the changed bars is kept in turn.
      expect(seriesMemo(bars).get('k', () => ({}))).toBe(after);
    }
  });

  it('tells apart views of one buffer, and matches missing values (NaN) but not −0 against 0', () => {
    const bars = seriesFromRows('AAPL', rows);
    const head = { ...bars, length: 2, time: bars.time.subarray(0, 2), open: bars.open.subarray(0, 2), high: bars.high.subarray(0, 2), low: bars.low.subarray(0, 2), close: bars.close.subarray(0, 2), volume: bars.volume.subarray(0, 2), tradingDay: bars.tradingDay.subarray(0, 2) };
    expect(seriesMemo(head).get('k', () => 'head')).toBe('head');
    expect(seriesMemo(bars).get('k', () => 'whole')).toBe('whole');
    bars.volume[1] = NaN;
    const withNaN = seriesMemo(bars).get('k', () => ({}));
    expect(seriesMemo(bars).get('k', () => ({}))).toBe(withNaN);
    bars.volume[0] = 0;
    const zero = seriesMemo(bars).get('k', () => ({}));
    bars.volume[0] = -0;
    expect(seriesMemo(bars).get('k', () => ({}))).not.toBe(zero);
  });
});
