import { DAY_MS, parseIsoDay } from './dates';
import { NYSE_CALENDAR, sessionCloses, zonedInstant } from './session-clock';

describe('session clock', () => {
  it('puts the New York close at 21:00 UTC in winter and 20:00 UTC in summer', () => {
    expect(new Date(zonedInstant(parseIsoDay('2015-01-15'), '16:00', 'America/New_York')).toISOString()).toBe('2015-01-15T21:00:00.000Z');
    expect(new Date(zonedInstant(parseIsoDay('2015-07-15'), '16:00', 'America/New_York')).toISOString()).toBe('2015-07-15T20:00:00.000Z');
  });

  it('follows the daylight-saving changes day by day', () => {
    // 2015-03-08 (spring forward) and 2015-11-01 (fall back).
    expect(new Date(zonedInstant(parseIsoDay('2015-03-06'), '16:00', 'America/New_York')).toISOString()).toBe('2015-03-06T21:00:00.000Z');
    expect(new Date(zonedInstant(parseIsoDay('2015-03-09'), '16:00', 'America/New_York')).toISOString()).toBe('2015-03-09T20:00:00.000Z');
    expect(new Date(zonedInstant(parseIsoDay('2015-11-02'), '16:00', 'America/New_York')).toISOString()).toBe('2015-11-02T21:00:00.000Z');
  });

  it('computes every bar of a long series exactly as the direct conversion does', () => {
    const start = parseIsoDay('2009-12-28');
    const times = Float64Array.from({ length: 3000 }, (_, i) => start + i * DAY_MS);
    const closes = sessionCloses(times, NYSE_CALENDAR);
    for (let i = 0; i < times.length; i++) expect(closes[i]).toBe(zonedInstant(times[i], '16:00', 'America/New_York'));
  });
});
