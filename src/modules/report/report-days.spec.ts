import { dayIndex } from './report-days';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

describe('dayIndex', () => {
  it('finds the bar of a time of its day, and nothing for other days or no time', () => {
    const bars = dayIndex(['2024-01-01', '2024-01-02', '2024-01-05'].map(day));
    expect(bars.get(day('2024-01-02'))).toBe(1);
    expect(bars.get(day('2024-01-05') + 3_600_000)).toBe(2);
    expect(bars.get(day('2024-01-03'))).toBeUndefined();
    expect(bars.get(NaN)).toBeUndefined();
  });

  it('finds the last bar of a day when the days do not ascend', () => {
    const bars = dayIndex(['2024-01-03', '2024-01-01', '2024-01-03', '2024-01-02'].map(day));
    expect([bars.get(day('2024-01-01')), bars.get(day('2024-01-02')), bars.get(day('2024-01-03'))]).toEqual([1, 3, 2]);
    expect(bars.get(NaN)).toBeUndefined();
  });
});
