import { seriesFromRows } from '../../core/market/bar-series';
import { parseIsoDay } from '../../core/market/dates';
import { describeDataset } from './dataset.describer';

const bar = (day: string, open: number, high: number, low: number, close: number, volume: number) => ({
  time: parseIsoDay(day),
  open,
  high,
  low,
  close,
  volume,
});

// Thu 2020-01-30 .. Tue 2020-02-04: two months, two ISO weeks (from Mon 2020-01-27 and Mon 2020-02-03).
const series = seriesFromRows('X', [
  bar('2020-01-30', 10, 12, 9, 11, 100),
  bar('2020-01-31', 11, 13, 10, 12, 200),
  bar('2020-02-03', 12, 15, 11, 14, 300),
  bar('2020-02-04', 14, 14, 8, 9, 400),
]);

describe('describeDataset', () => {
  it('summarises each column with count, mean, sample std, min and max', () => {
    const { stats, bars, firstDate, lastDate } = describeDataset(series);
    expect([bars, firstDate, lastDate]).toEqual([4, '2020-01-30', '2020-02-04']);
    expect(stats.close.count).toBe(4);
    expect(stats.close.mean).toBeCloseTo(11.5, 12);
    expect(stats.close.std).toBeCloseTo(Math.sqrt(13 / 3), 12);
    expect([stats.close.min, stats.close.max]).toEqual([9, 14]);
    expect(stats.volume.mean).toBe(250);
  });

  it('resamples by month: first open, highest high, lowest low, last close, summed volume', () => {
    expect(describeDataset(series, 'month').resampled).toEqual([
      { period: '2020-01', open: 10, high: 13, low: 9, close: 12, volume: 300 },
      { period: '2020-02', open: 12, high: 15, low: 8, close: 9, volume: 700 },
    ]);
  });

  it('resamples by ISO week keyed by its Monday', () => {
    expect(describeDataset(series, 'week').resampled.map((r) => [r.period, r.open, r.close])).toEqual([
      ['2020-01-27', 10, 12],
      ['2020-02-03', 12, 9],
    ]);
  });

  it('refuses an empty series', () => {
    expect(() => describeDataset(seriesFromRows('E', []))).toThrow('E: cannot describe an empty series');
  });
});
