import { assertTimeZone, parseNewsTime } from './news-time.parser';

const utc = (iso: string) => Date.parse(iso);

describe('parseNewsTime', () => {
  it('reads ISO-8601 with Z or an offset exactly', () => {
    expect(parseNewsTime('2014-01-02T15:30:00Z')).toBe(utc('2014-01-02T15:30:00Z'));
    expect(parseNewsTime('2014-01-02T10:30:00-05:00')).toBe(utc('2014-01-02T15:30:00Z'));
    expect(parseNewsTime('2014-01-02 10:30:00.250+0100')).toBe(utc('2014-01-02T09:30:00.250Z'));
  });

  it('reads a time without a zone as New York wall-clock time, in winter and in summer', () => {
    expect(parseNewsTime('2014-01-02T16:00:00')).toBe(utc('2014-01-02T21:00:00Z'));
    expect(parseNewsTime('2014-07-01 16:00:01')).toBe(utc('2014-07-01T20:00:01Z'));
  });

  it('reads a time without a zone in the zone it is given', () => {
    expect(parseNewsTime('2014-07-01T16:00', 'Europe/London')).toBe(utc('2014-07-01T15:00:00Z'));
    expect(parseNewsTime('2014-07-01T16:00', 'UTC')).toBe(utc('2014-07-01T16:00:00Z'));
  });

  it('stamps a date alone at 23:59:59 local time of that day', () => {
    expect(parseNewsTime('2020-12-07')).toBe(utc('2020-12-08T04:59:59Z'));
    expect(parseNewsTime('2020-07-07')).toBe(utc('2020-07-08T03:59:59Z'));
  });

  it('reads epoch seconds and epoch milliseconds', () => {
    expect(parseNewsTime('1388531408')).toBe(1_388_531_408_000);
    expect(parseNewsTime('1388531408123')).toBe(1_388_531_408_123);
  });

  it("reads Twitter's created_at format", () => {
    expect(parseNewsTime('Wed Jan 01 03:59:03 +0000 2014')).toBe(utc('2014-01-01T03:59:03Z'));
    expect(parseNewsTime('Wed Jan 01 03:59:03 -0500 2014')).toBe(utc('2014-01-01T08:59:03Z'));
  });

  it('refuses impossible dates and times and other text', () => {
    for (const text of ['2014-02-30', '2014-01-01T24:00', '2014-01-01T12:60', 'yesterday', '', '13885314081', 'Wed Foo 01 03:59:03 +0000 2014', '2014-01-01+01:00']) {
      expect(parseNewsTime(text)).toBeNull();
    }
  });

  it('refuses an unknown time zone with a clear message', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => assertTimeZone('America/New_York')).not.toThrow();
  });
});
