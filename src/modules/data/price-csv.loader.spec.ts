import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIsoDay } from '../../core/market/dates';
import { DataValidationError } from './data-validation.error';
import { readPriceFile } from './price-file.source';
import { formatProblem } from './price-row';
import { priceRowsOf } from './price-columns';

const HEADER = 'date,open,high,low,close,volume';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-loader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Problems of a one-bad-row file in skip mode, formatted. */
function problemsOf(...rows: string[]): string[] {
  const path = csvFile('x.csv', [HEADER, '2020-01-02,10,11,9,10,100', ...rows]);
  return readPriceFile(path, { onBadRow: 'skip' }).parsed.problems.map(formatProblem).map((p) => p.slice(dir.length + 1));
}

describe('parsePriceCsv validation rules', () => {
  it.each([
    ['an empty field', '2020-01-03,,11,9,10,100', 'x.csv:3: empty open'],
    ['a non-numeric field', '2020-01-03,10,11,9,ten,100', 'x.csv:3: non-numeric close "ten"'],
    ['a non-positive price', '2020-01-03,10,11,0,10,100', 'x.csv:3: non-positive low 0'],
    ['high below low', '2020-01-03,10,9,11,10,100', 'x.csv:3: high 9 < low 11'],
    ['open outside the range', '2020-01-03,12,11,9,10,100', 'x.csv:3: open 12 outside [low 9, high 11]'],
    ['close outside the range', '2020-01-03,10,11,9,8.5,100', 'x.csv:3: close 8.5 outside [low 9, high 11]'],
    ['a negative volume', '2020-01-03,10,11,9,10,-1', 'x.csv:3: negative volume -1'],
    ['a duplicate date', '2020-01-02,10,11,9,10,100', 'x.csv:3: duplicate date 2020-01-02 (first on line 2)'],
    ['an unsorted date', '2020-01-01,10,11,9,10,100', 'x.csv:3: date 2020-01-01 out of order (after 2020-01-02 on line 2)'],
    ['an impossible date', '2020-02-30,10,11,9,10,100', 'x.csv:3: bad date "2020-02-30" (expected YYYY-MM-DD)'],
    ['a non-midnight time', '2020-01-03 15:30:00,10,11,9,10,100', 'x.csv:3: bad date "2020-01-03 15:30:00" (expected YYYY-MM-DD)'],
    ['a missing field', '2020-01-03,10,11,9,10', 'x.csv:3: expected 6 fields, found 5'],
    ['a price beyond any real quote', '2020-01-03,1e308,1e308,1e308,1e308,100', 'x.csv:3: implausible open 1e+308 (outside 1e-6..1e7); implausible high 1e+308 (outside 1e-6..1e7); implausible low 1e+308 (outside 1e-6..1e7); implausible close 1e+308 (outside 1e-6..1e7)'],
    ['a price below any real quote', '2020-01-03,1e-7,1e-7,1e-7,1e-7,100', 'x.csv:3: implausible open 1e-7 (outside 1e-6..1e7); implausible high 1e-7 (outside 1e-6..1e7); implausible low 1e-7 (outside 1e-6..1e7); implausible close 1e-7 (outside 1e-6..1e7)'],
    ['a one-day move over 20×', '2020-01-03,250,260,240,250,100', 'x.csv:3: implausible move: close 250 against 10 on line 2 is a one-day change of 25.0× (more than 20× either way)'],
    ['a one-day fall over 20×', '2020-01-03,0.4,0.45,0.35,0.4,100', 'x.csv:3: implausible move: close 0.4 against 10 on line 2 is a one-day change of 1/25.0 (more than 20× either way)'],
  ])('reports %s with its line', (_, row, expected) => {
    expect(problemsOf(row)).toEqual([expected]);
  });

  it('takes a large move made by a split, and compares later rows with the last accepted one', () => {
    const split = csvFile('s.csv', ['date,open,high,low,close,volume,split_coefficient', '2020-01-02,300,310,290,300,100,1', '2020-01-03,10,11,9,10,100,30']);
    expect(readPriceFile(split).parsed.problems).toEqual([]);
    expect(problemsOf('2020-01-03,250,260,240,250,100', '2020-01-06,10,11,9,10.5,100')).toEqual([
      'x.csv:3: implausible move: close 250 against 10 on line 2 is a one-day change of 25.0× (more than 20× either way)',
    ]);
  });

  it('lists every broken rule of a row in one problem', () => {
    expect(problemsOf('2020-01-03,,,,10,100')).toEqual(['x.csv:3: empty open; empty high; empty low']);
  });

  it('accepts a zero time after the date', () => {
    const path = csvFile('t.csv', [HEADER, '2020-01-02 00:00:00,10,11,9,10,100']);
    expect(priceRowsOf(readPriceFile(path).parsed.symbols.get('T')!)[0].time).toBe(parseIsoDay('2020-01-02'));
  });

  it('counts physical lines across quoted fields containing newlines', () => {
    const path = csvFile('q.csv', ['date,open,high,low,close,volume,symbol', '2020-01-02,10,11,9,10,100,"A', 'A"', '2020-01-02,10,11,9,10,100,B', '2020-01-03,,11,9,10,100,B']);
    expect(readPriceFile(path, { onBadRow: 'skip' }).parsed.problems.map((p) => p.line)).toEqual([2, 5]);
  });

  it('throws one DataValidationError listing all problems by default', () => {
    const path = csvFile('bad.csv', [HEADER, '2020-01-02,10,11,9,10,100', '2020-01-03,,11,9,10,100', '2020-01-06,10,9,11,10,100']);
    let error: unknown;
    try {
      readPriceFile(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataValidationError);
    expect((error as DataValidationError).problems.map((p) => p.line)).toEqual([3, 4]);
    expect((error as Error).message).toContain(`${path}:3: empty open\n${path}:4: high 9 < low 11`);
  });

  it('drops bad rows in skip mode and keeps the good ones', () => {
    const path = csvFile('s.csv', [HEADER, '2020-01-02,10,11,9,10,100', '2020-01-03,,11,9,10,100', '2020-01-06,10,11,9,10.5,200']);
    const { parsed } = readPriceFile(path, { onBadRow: 'skip' });
    expect(parsed.skippedRows).toBe(1);
    expect(parsed.records).toBe(3);
    expect(priceRowsOf(parsed.symbols.get('S')!).map((r) => r.close)).toEqual([10, 10.5]);
  });

  it('treats an adjusted close empty in some rows as a defect and in every row as absent', () => {
    const header = 'date,open,high,low,close,adj_close,volume';
    const partial = csvFile('p.csv', [header, '2020-01-02,10,11,9,10,5,100', '2020-01-03,10,11,9,10,,100']);
    expect(readPriceFile(partial, { onBadRow: 'skip' }).parsed.problems).toEqual([{ file: partial, line: 3, reason: 'empty adj_close' }]);
    const none = csvFile('n.csv', [header, '2020-01-02,10,11,9,10,,100', '2020-01-03,10,11,9,10,,100']);
    const parsed = readPriceFile(none).parsed;
    expect(parsed.hasAdjClose).toBe(false);
    expect(priceRowsOf(parsed.symbols.get('N')!)[0].adjClose).toBeNaN();
  });
});

describe('parsePriceCsv layouts', () => {
  it('reads Yahoo rows with the adjusted close and a split coefficient of 1', () => {
    const path = csvFile('aapl.csv', ['Date,Open,High,Low,Close,Adj Close,Volume', '2013-05-13,64.5,65.4,64.5,64.9,50.9,79237200']);
    const { parsed } = readPriceFile(path);
    expect(parsed.layout).toBe('yahoo');
    expect(priceRowsOf(parsed.symbols.get('AAPL')!)).toEqual([
      { time: parseIsoDay('2013-05-13'), open: 64.5, high: 65.4, low: 64.5, close: 64.9, adjClose: 50.9, volume: 79237200, splitCoefficient: 1 },
    ]);
  });

  it('reverses newest-first Alpha Vantage rows and reads the split coefficient', () => {
    const path = csvFile('daily_adjusted_XYZ.csv', [
      'timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient',
      '2014-06-09,92.7,93.88,91.75,93.7,21.14,75414997,0.0000,7.0',
      '2014-06-06,649.9,651.26,644.47,645.57,20.8,12497800,0.0000,1.0',
    ]);
    const { parsed } = readPriceFile(path);
    expect(parsed.layout).toBe('alphavantage');
    expect(priceRowsOf(parsed.symbols.get('XYZ')!).map((r) => [r.time, r.splitCoefficient])).toEqual([
      [parseIsoDay('2014-06-06'), 1],
      [parseIsoDay('2014-06-09'), 7],
    ]);
  });

  it('flags an ascending row in an Alpha Vantage file as out of order', () => {
    const path = csvFile('daily_adjusted_XYZ.csv', [
      'timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient',
      '2014-06-06,10,11,9,10,10,1,0.0000,1.0',
      '2014-06-09,10,11,9,10,10,1,0.0000,1.0',
    ]);
    expect(readPriceFile(path, { onBadRow: 'skip' }).parsed.problems.map((p) => p.reason)).toEqual([
      'date 2014-06-09 out of order (after 2014-06-06 on line 2)',
    ]);
  });

  it('splits a long file by its symbol column and checks order within each symbol', () => {
    const path = csvFile('long.csv', [
      'date,open,high,low,close,volume,Name',
      '2020-01-02,10,11,9,10,1,aaa',
      '2020-01-02,20,21,19,20,1,BBB',
      '2020-01-03,10,11,9,10,1,AAA',
      '2020-01-03,20,21,19,20,1,BBB',
    ]);
    const { parsed } = readPriceFile(path);
    expect(parsed.layout).toBe('long');
    expect([...parsed.symbols.keys()]).toEqual(['AAA', 'BBB']);
    expect(priceRowsOf(parsed.symbols.get('BBB')!).map((r) => r.open)).toEqual([20, 20]);
  });

  it('keeps only the requested symbol of a long file', () => {
    const path = csvFile('long.csv', ['date,open,high,low,close,volume,ticker', '2020-01-02,10,11,9,10,1,AAA', '2020-01-02,,21,19,20,1,BBB']);
    const { parsed } = readPriceFile(path, { symbol: 'aaa' });
    expect([...parsed.symbols.keys()]).toEqual(['AAA']);
    expect(parsed.records).toBe(1);
  });

  it('takes the given symbol over the file name', () => {
    const path = csvFile('aapl.csv', [HEADER, '2020-01-02,10,11,9,10,1']);
    expect([...readPriceFile(path, { symbol: 'msft' }).parsed.symbols.keys()]).toEqual(['MSFT']);
  });

  it('asks for a symbol when the file name gives none', () => {
    const path = csvFile('prices_.csv', [HEADER, '2020-01-02,10,11,9,10,1']);
    expect(() => readPriceFile(path)).toThrow(/no symbol column and no symbol was given \(use --symbol\)/);
  });
});
