import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIsoDay } from '../../core/market/dates';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { adjustedSeries, adjustRows, resolveAdjustPolicy } from './price.adjuster';
import { priceColumnsOf } from './price-columns';
import { loadPriceFile } from './price-file.source';
import type { PriceRow } from './price-row';

const BOTH = { hasAdjClose: true, hasSplitCoefficient: true };

function row(day: string, close: number, adjClose: number, splitCoefficient = 1, volume = 1000): PriceRow {
  return { time: parseIsoDay(day), open: close * 0.99, high: close * 1.01, low: close * 0.98, close, adjClose, volume, splitCoefficient };
}

describe('adjustRows', () => {
  const rows = [row('2020-01-02', 100, 50), row('2020-01-03', 102, 51), row('2020-01-06', 52, 52, 2), row('2020-01-07', 53, 53)];

  it("leaves prices unchanged with 'none'", () => {
    expect(adjustRows(rows, 'none', BOTH, 'x').map((r) => r.close)).toEqual([100, 102, 52, 53]);
  });

  it("scales OHLC by adjClose / close, sets close to adjClose and divides volume with 'total'", () => {
    const [first] = adjustRows(rows, 'total', BOTH, 'x');
    expect(first.close).toBe(50);
    expect(first.open).toBeCloseTo(99 * 0.5, 12);
    expect(first.high).toBeCloseTo(101 * 0.5, 12);
    expect(first.low).toBeCloseTo(98 * 0.5, 12);
    expect(first.volume).toBeCloseTo(2000, 9);
  });

  it("divides prices before a split by its coefficient and multiplies their volume with 'splits'", () => {
    const adjusted = adjustRows(rows, 'splits', BOTH, 'x');
    expect(adjusted.map((r) => r.close)).toEqual([50, 51, 52, 53]);
    expect(adjusted.map((r) => r.volume)).toEqual([2000, 2000, 1000, 1000]);
  });

  it('compounds successive splits for the oldest rows', () => {
    const twoSplits = [row('2020-01-02', 600, 1), row('2020-01-03', 300, 1, 2), row('2020-01-06', 100, 1, 3)];
    expect(adjustRows(twoSplits, 'splits', BOTH, 'x').map((r) => r.close)).toEqual([100, 100, 100]);
  });

  it("resolves 'auto' to 'total' with an adjusted close and to 'none' without", () => {
    expect(resolveAdjustPolicy('auto', BOTH)).toBe('total');
    expect(resolveAdjustPolicy('auto', { hasAdjClose: false, hasSplitCoefficient: true })).toBe('none');
    expect(adjustRows(rows, 'auto', { hasAdjClose: false, hasSplitCoefficient: false }, 'x')[0].close).toBe(100);
  });

  it("refuses 'total' without an adjusted close column", () => {
    expect(() => adjustRows(rows, 'total', { hasAdjClose: false, hasSplitCoefficient: true }, 'f.csv')).toThrow(
      "f.csv: adjust 'total' needs an adjusted close column",
    );
  });

  it("refuses 'splits' without a split coefficient column", () => {
    expect(() => adjustRows(rows, 'splits', { hasAdjClose: true, hasSplitCoefficient: false }, 'f.csv')).toThrow(
      "f.csv: adjust 'splits' needs a split_coefficient column",
    );
  });

  it('builds a BarSeries of the adjusted rows', () => {
    const series = adjustedSeries('X', priceColumnsOf(rows, true, true), 'splits', BOTH, 'x');
    expect(series.symbol).toBe('X');
    expect(Array.from(series.close)).toEqual([50, 51, 52, 53]);
    expect(series.time[3]).toBe(parseIsoDay('2020-01-07'));
  });
});

describeWithSharedData('split adjustment of Alpha Vantage AAPL (7:1 on 2014-06-09, 4:1 on 2020-08-31)', () => {
  const file = sharedDataPath('prices', 'alphavantage_unadjusted', 'daily_adjusted_AAPL.csv');
  const raw = loadPriceFile(file, { adjust: 'none' });
  const split = loadPriceFile(file, { adjust: 'splits' });
  const at = (day: string) => raw.prices.time.indexOf(parseIsoDay(day));

  it('reads the raw closes around the split unadjusted', () => {
    expect(raw.series.close[at('2014-06-06')]).toBe(645.57);
    expect(raw.series.close[at('2014-06-09')]).toBe(93.7);
  });

  it('divides the close of 2014-06-06 by 7 relative to the day of the split', () => {
    const before = split.series.close[at('2014-06-06')] / raw.series.close[at('2014-06-06')];
    const on = split.series.close[at('2014-06-09')] / raw.series.close[at('2014-06-09')];
    expect(before / on).toBeCloseTo(1 / 7, 6);
  });

  it('also applies the later 4:1 split, so 2014-06-06 ends at 1/28 of its raw close', () => {
    expect(split.series.close[at('2014-06-06')]).toBeCloseTo(645.57 / 28, 3);
    expect(split.series.close[at('2014-06-09')]).toBeCloseTo(93.7 / 4, 6);
    expect(split.series.close[at('2020-08-31')]).toBe(129.04);
  });

  it('multiplies the volume before the split by the same factor', () => {
    expect(split.series.volume[at('2014-06-06')] / 12497800).toBeCloseTo(28, 3);
  });

  it('gives 2014-06-06 an adjusted close of 1/7 of the raw close when the file ends before the 2020 split', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-split-'));
    try {
      const lines = readFileSync(file, 'utf8').split('\n');
      const cut = join(dir, 'daily_adjusted_AAPL.csv');
      writeFileSync(cut, [lines[0], ...lines.slice(1).filter((l) => l !== '' && l < '2020')].join('\n'));
      const adjusted = loadPriceFile(cut, { adjust: 'splits' });
      const i = adjusted.prices.time.indexOf(parseIsoDay('2014-06-06'));
      expect(adjusted.series.close[i]).toBeCloseTo(645.57 / 7, 3);
      expect(adjusted.series.close[i + 1]).toBe(93.7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no jump of more than 15% between the closes around each split', () => {
    for (const day of ['2000-06-21', '2005-02-28', '2014-06-09', '2020-08-31']) {
      const i = at(day);
      expect(Math.abs(split.series.close[i] / split.series.close[i - 1] - 1)).toBeLessThan(0.15);
    }
  });
});
