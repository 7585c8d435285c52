import { float64Column, isShared, SHARED_COLUMN_MIN_LENGTH } from './float-column';
import { allocateSeries } from './bar-series';

describe('float64Column', () => {
  it('makes a long column in shared memory and a short one in an ordinary buffer, zeroed', () => {
    const long = float64Column(SHARED_COLUMN_MIN_LENGTH);
    const short = float64Column(SHARED_COLUMN_MIN_LENGTH - 1);
    expect([isShared(long), isShared(short)]).toEqual([true, false]);
    expect([long.length, short.length]).toEqual([SHARED_COLUMN_MIN_LENGTH, SHARED_COLUMN_MIN_LENGTH - 1]);
    expect(long.every((v) => v === 0) && short.every((v) => v === 0)).toBe(true);
  });

  it('tells a shared column by its buffer, a view of part of it included', () => {
    const series = allocateSeries('X', SHARED_COLUMN_MIN_LENGTH);
    expect(isShared(series.close.subarray(10, 20))).toBe(true);
    expect(isShared(series.tradingDay)).toBe(false);
    expect(isShared(new Float64Array(new ArrayBuffer(64)))).toBe(false);
  });
});
