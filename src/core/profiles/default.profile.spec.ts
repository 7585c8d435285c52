import { isoDay, parseIsoDay } from '../market/dates';
import { randomWalkSeries } from '../testing/random-walk';
import { DEFAULT_PROFILE } from './default.profile';

describe('DEFAULT_PROFILE.prepare', () => {
  const series = randomWalkSeries(300, 4);
  const from = series.time[100];
  const to = series.time[199];

  it('keeps every bar before the window as history and none after its last day', () => {
    const { bars, window } = DEFAULT_PROFILE.prepare(series, from, to);
    expect(window).toEqual({ startBar: 100, endBar: 200 });
    expect(bars.length).toBe(200);
    expect(isoDay(bars.time[bars.length - 1])).toBe(isoDay(to));
    expect(bars.close[0]).toBe(series.close[0]);
    expect(bars.close[199]).toBe(series.close[199]);
  });

  it('shares the series memory rather than copying it', () => {
    const { bars } = DEFAULT_PROFILE.prepare(series, from, to);
    expect(bars.close.buffer).toBe(series.close.buffer);
  });

  it('names the data range when the window holds no bar', () => {
    expect(() => DEFAULT_PROFILE.prepare(series, parseIsoDay('1990-01-01'), parseIsoDay('1990-12-31'))).toThrow(/no RW bars between 1990-01-01 and 1990-12-31 \(data covers/);
  });
});
