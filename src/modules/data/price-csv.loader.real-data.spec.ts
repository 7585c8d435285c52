import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { DataValidationError } from './data-validation.error';
import { readPriceFile, ReadPriceFile } from './price-file.source';
import { formatProblem } from './price-row';
import { priceRowsOf } from './price-columns';

const FILE = sharedDataPath('prices', 'sp500_5yr', 'all_stocks_5yr.csv');
const ROWS = 619_040;

describeWithSharedData('all_stocks_5yr.csv (619,040 rows, 505 tickers, known defects)', () => {
  let skipped: ReadPriceFile;

  beforeAll(() => {
    skipped = readPriceFile(FILE, { onBadRow: 'skip' });
  });

  it('reads it as a long file of 505 symbols', () => {
    expect(skipped.parsed.layout).toBe('long');
    expect(skipped.parsed.records).toBe(ROWS);
    expect(skipped.parsed.symbols.size).toBe(505);
  });

  it('finds the 11 rows with an empty open, at their physical lines', () => {
    const empty = skipped.parsed.problems.filter((p) => p.reason.startsWith('empty open'));
    expect(empty).toHaveLength(11);
    const lines = empty.map(formatProblem);
    expect(lines).toContain(`${FILE}:165736: empty open`); // DHR 2015-07-17
    expect(lines).toContain(`${FILE}:478596: empty open; empty high; empty low`); // REGN 2015-06-09
    expect(lines).toContain(`${FILE}:598238: empty open; empty high; empty low`); // WRK 2015-06-26
  });

  it('finds the 12 rows breaking low <= open/close <= high', () => {
    const range = skipped.parsed.problems.filter((p) => / outside \[|< low/.test(p.reason));
    expect(range).toHaveLength(12);
    expect(range.map(formatProblem)).toContain(`${FILE}:349478: close 17.87 outside [low 35.085, high 35.785]`); // LNT 2016-05-19
    expect(range.map(formatProblem)).toContain(`${FILE}:53004: high 23.595 < low 23.85`); // AOS 2014-05-19
  });

  it('reports nothing else', () => {
    expect(skipped.parsed.problems).toHaveLength(23);
    expect(skipped.parsed.skippedRows).toBe(23);
  });

  it('keeps the remaining rows in skip mode', () => {
    const kept = [...skipped.parsed.symbols.values()].reduce((sum, rows) => sum + rows.length, 0);
    expect(kept).toBe(ROWS - 23);
    const dhr = priceRowsOf(skipped.parsed.symbols.get('DHR')!);
    expect(dhr.some((r) => new Date(r.time).toISOString().startsWith('2015-07-17'))).toBe(false);
    expect(dhr).toHaveLength(1243 - 3);
  });

  it('throws one error listing all 23 problems in error mode', () => {
    let error: unknown;
    try {
      readPriceFile(FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).problems).toHaveLength(23);
    expect((error as Error).message.split('\n')).toHaveLength(24);
    expect((error as Error).message).toContain(`${FILE}:478596: empty open; empty high; empty low`);
  });
});
