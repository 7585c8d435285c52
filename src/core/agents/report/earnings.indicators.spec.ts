import { earnings, FIVE_QUARTERS, at } from './report.fixture';
import { earningsAsOf, earningsIndicators, publishedCount, shiftQuarter } from './earnings.indicators';

const TEN_DAYS_AFTER = at('2019-07-30T20:30:00Z') + 10 * 86_400_000;

describe('earnings indicators', () => {
  it('computes surprise, YoY growth, beats and staleness of the latest public quarter as by hand', () => {
    const view = earningsAsOf(FIVE_QUARTERS, TEN_DAYS_AFTER)!;
    const ind = earningsIndicators(view, TEN_DAYS_AFTER, 0.01);
    expect(ind.quarter).toBe('2019-06');
    expect(ind.surprise).toBeCloseTo(0.12, 12); // (1.12 − 1.00) / 1.00
    expect(ind.growthYoY).toBeCloseTo(0.22 / 0.9, 12); // (1.12 − 0.90) / 0.90
    expect([ind.beats, ind.misses, ind.quarters]).toEqual([3, 0, 4]); // 2019-06, 2018-12, 2018-09 beat; 2019-03 met
    expect(ind.daysSinceRelease).toBe(10);
    expect(view.lastFour.map((r) => r.quarter)).toEqual(['2019-06', '2019-03', '2018-12', '2018-09']);
  });

  it('sees a post-market release only from its publication instant on', () => {
    expect(earningsAsOf(FIVE_QUARTERS, at('2019-07-30T20:00:00Z'))!.latest.quarter).toBe('2019-03');
    expect(earningsAsOf(FIVE_QUARTERS, at('2019-07-30T20:30:00Z'))!.latest.quarter).toBe('2019-06');
    expect(earningsAsOf(FIVE_QUARTERS, at('2018-07-31T20:29:59Z'))).toBeNull();
  });

  it('ignores records published after the instant even when the caller passes them', () => {
    const future = earnings('2019-09', '2019-10-30', 1.0, 0.1);
    const withFuture = earningsAsOf([...FIVE_QUARTERS, future], TEN_DAYS_AFTER);
    expect(withFuture).toEqual(earningsAsOf(FIVE_QUARTERS, TEN_DAYS_AFTER));
  });

  it('counts the later of two announcements of one quarter from its publication on', () => {
    const revised = { ...earnings('2019-06', '2019-08-20', 1.0, 0.95) };
    const records = [...FIVE_QUARTERS, revised];
    expect(earningsAsOf(records, at('2019-08-01T00:00:00Z'))!.latest.epsActual).toBe(1.12);
    const view = earningsAsOf(records, at('2019-08-21T00:00:00Z'))!;
    expect(view.latest.epsActual).toBe(0.95);
    expect(view.lastFour.filter((r) => r.quarter === '2019-06')).toHaveLength(1);
  });

  it('has no growth without the same quarter a year earlier and floors tiny denominators', () => {
    const ind = earningsIndicators(earningsAsOf([earnings('2019-06', '2019-07-30', 0, 0.06)], TEN_DAYS_AFTER)!, TEN_DAYS_AFTER, 0.01);
    expect(ind.growthYoY).toBeNull();
    expect(ind.surprise).toBeCloseTo(6, 12); // 0.06 / max(|0|, 0.01)
    expect([ind.beats, ind.misses, ind.quarters]).toEqual([1, 0, 1]);
  });

  it('shifts quarters across year ends and counts public records by binary search', () => {
    expect(shiftQuarter('2019-03', -12)).toBe('2018-03');
    expect(shiftQuarter('2019-01', -1)).toBe('2018-12');
    expect(shiftQuarter('2018-12', 1)).toBe('2019-01');
    expect(publishedCount(FIVE_QUARTERS, at('2019-01-29T20:30:00Z'))).toBe(3);
    expect(publishedCount(FIVE_QUARTERS, 0)).toBe(0);
    expect(publishedCount(FIVE_QUARTERS, Infinity)).toBe(5);
  });
});
