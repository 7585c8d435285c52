import { DAY_MS, isoDay, parseIsoDay } from './dates';

describe('dates', () => {
  it('formats every day from 1900 to 2100 exactly as Date.toISOString does', () => {
    const start = Date.UTC(1900, 0, 1);
    for (let t = start; t < Date.UTC(2100, 0, 1); t += DAY_MS) expect(isoDay(t)).toBe(new Date(t).toISOString().slice(0, 10));
  });

  it('formats instants within a day as that day', () => {
    expect(isoDay(Date.UTC(2015, 6, 15, 23, 59, 59))).toBe('2015-07-15');
    expect(isoDay(Date.UTC(1969, 11, 31, 12))).toBe('1969-12-31');
  });

  it('parses only real calendar days', () => {
    expect(parseIsoDay('2016-02-29')).toBe(Date.UTC(2016, 1, 29));
    expect(parseIsoDay('2015-02-29')).toBeNaN();
    expect(parseIsoDay('2015-13-01')).toBeNaN();
  });
});
