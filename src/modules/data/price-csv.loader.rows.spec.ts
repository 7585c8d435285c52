import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePriceCsvByRows } from '../../../test/support/row-price-loader';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { parsePriceCsv, PriceCsvOptions, PriceCsvParser } from './price-csv.loader';
import { priceRowsOf } from './price-columns';
import { readPriceFile } from './price-file.source';
import { sampleSources } from './sample-data.sources';
import { symbolFromFileName } from './symbol-name';

/** What a parse gives, rows as objects, or the error it throws (message and listed problems). */
function outcome(parse: () => { symbols: Map<string, unknown> }, rowsOf: (v: never) => unknown[]): unknown {
  try {
    const { symbols, ...rest } = parse();
    return { ...rest, symbols: [...symbols].map(([symbol, v]) => [symbol, rowsOf(v as never)]) };
  } catch (error) {
    return { error: (error as Error).message, problems: (error as { problems?: unknown }).problems };
  }
}

const byRows = (text: string, options: PriceCsvOptions) => outcome(() => parsePriceCsvByRows(text, options), (rows: unknown[]) => rows);
const byColumns = (parse: () => ReturnType<typeof parsePriceCsv>) => outcome(parse, priceRowsOf);

/** The columnar parser fed in pieces of `size` characters (boundaries inside fields, quotes and line ends). */
function inPieces(text: string, options: PriceCsvOptions, size: number) {
  const parser = new PriceCsvParser(options, text.length);
  for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size));
  return parser.end();
}

/**
 * Checks the columnar loader against the row-by-row one on a text, whole, in pieces and read
 * from a file named `name` (a file without a symbol column takes its symbol from the name),
 * under both bad-row policies.
 */
function expectSameAsRows(text: string, name: string, symbol?: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'tg-columns-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text);
    for (const onBadRow of ['error', 'skip'] as const) {
      const o = { file: path, symbol, fallbackSymbol: symbolFromFileName(path) ?? undefined, onBadRow };
      const expected = byRows(text, o);
      expect(byColumns(() => parsePriceCsv(text, o))).toEqual(expected);
      expect(byColumns(() => inPieces(text, o, 7))).toEqual(expected);
      expect(byColumns(() => readPriceFile(path, { symbol, onBadRow }).parsed)).toEqual(expected);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const GENERIC = 'date,open,high,low,close,volume';

describe('the columnar price loader gives exactly the rows of the row-by-row one', () => {
  it.each(sampleSources().map((s) => [s.symbol, s.path] as const))('on the sample file of %s', (symbol, path) => {
    expectSameAsRows(readFileSync(path, 'utf8'), `${symbol}.csv`);
  });

  it('on the example file', () => {
    expectSameAsRows(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'aapl-2016.csv'), 'utf8'), 'aapl-2016.csv');
  });

  it.each([
    ['rows breaking every field rule', [GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,,11,9,10,100', '2020-01-06,10,11,9,ten,100', '2020-01-07,10,11,0,10,100', '2020-01-08,10,9,11,10,100', '2020-01-09,12,11,9,10,100', '2020-01-10,10,11,9,8.5,100', '2020-01-13,10,11,9,10,-1', '2020-02-30,10,11,9,10,100', '2020-01-14 15:30:00,10,11,9,10,100', '2020-01-14,10,11,9,10', '2020-01-15,1e308,1e308,1e308,1e308,100', '2020-01-16,1e-7,1e-7,1e-7,1e-7,100', '0050-01-17,10,11,9,10,100', '2020-13-01,10,11,9,10,100', '2020-1-20,10,11,9,10,100', ' 2020-01-21 ,10,11,9,10,100', '2020-01-22 00:00:00,10,11,9,10,100']],
    ['duplicate and unsorted dates', [GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,10,11,9,10,100', '2020-01-02,10,11,9,10,100', '2020-01-01,10,11,9,10,100', '2020-01-06,10,11,9,10,100']],
    ['implausible one-day moves either way', [GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,250,260,240,250,100', '2020-01-06,0.4,0.45,0.35,0.4,100', '2020-01-07,10,11,9,10.5,100']],
    ['quoted fields, a field spanning lines, CRLF and a BOM', ['\ufeff' + GENERIC, '"2020-01-02","10","11","9","10","100"', '2020-01-03,"10","1\n1",9,10,100', '2020-01-06,10,11,9,10,100\r', '', '2020-01-07,10,11,9,10,"1,00"']],
    ['an unterminated quoted field', [GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,"10,11,9,10,100', '2020-01-06,10,11,9,10,100']],
    ['an adjusted close empty in some rows', ['date,open,high,low,close,adj_close,volume', '2020-01-02,10,11,9,10,5,100', '2020-01-03,10,11,9,10,,100', '2020-01-06,10,11,9,10,5.5,100']],
    ['an adjusted close empty in every row', ['date,open,high,low,close,adj_close,volume', '2020-01-02,10,11,9,10,,100', '2020-01-03,10,11,9,10,,100']],
    ['a split column empty in some rows', ['date,open,high,low,close,volume,split_coefficient', '2020-01-02,300,310,290,300,100,1', '2020-01-03,10,11,9,10,100,30', '2020-01-06,10,11,9,10,100,', '2020-01-07,10,11,9,10,100,-2']],
    ['a header only', [GENERIC]],
    ['an unrecognised header', ['when,price', '2020-01-02,10']],
    ['nothing but bad rows', [GENERIC, '2020-01-02,,,,,']],
  ])('on %s', (_, lines) => {
    expectSameAsRows(lines.join('\n') + '\n', 'x.csv');
  });

  it('on an empty file', () => {
    expectSameAsRows('', 'x.csv');
  });

  it('on newest-first Alpha Vantage rows with a split and an ascending row', () => {
    expectSameAsRows(
      [
        'timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient',
        '2014-06-10,94.7,95.05,93.57,94.25,21.27,62777000,0.0000,1.0',
        '2014-06-09,92.7,93.88,91.75,93.7,21.14,75414997,0.0000,7.0',
        '2014-06-11,1,2,0.5,1,1,1,0,1',
        '2014-06-06,649.9,651.26,644.47,645.57,20.8,12497800,0.0000,1.0',
        '2014-06-05,1,1,1,1,,1,0,1',
      ].join('\n') + '\n',
      'daily_adjusted_XYZ.csv',
    );
  });

  it('on a long file of several symbols, bad names included, whole and filtered by symbol', () => {
    const text = ['date,open,high,low,close,volume,Name', '2020-01-02,10,11,9,10,1,AAA', '2020-01-02,20,21,19,20,1,BBB', '2020-01-03,10,11,9,10,1,AAA', '2020-01-03,20,21,19,20,1,BBB', '2020-01-03,20,21,19,20,1,B B', '2020-01-02,20,21,19,20,1,AAA', '2020-01-06,20,21,19,20,1'].join('\n');
    expectSameAsRows(text, 'long.csv');
    expectSameAsRows(text, 'long.csv', 'bbb');
    expectSameAsRows(text, 'long.csv', 'ZZZ');
  });
});

describeWithSharedData('the columnar price loader on the real price files', () => {
  it.each([
    ['the S&P 500 five-year file', ['prices', 'sp500_5yr', 'all_stocks_5yr.csv']],
    ['Alpha Vantage AAPL', ['prices', 'alphavantage_unadjusted', 'daily_adjusted_AAPL.csv']],
    ['Alpha Vantage TSLA', ['prices', 'alphavantage_unadjusted', 'daily_adjusted_TSLA.csv']],
  ] as const)('gives the rows of the row-by-row loader on %s', (_, parts) => {
    const path = sharedDataPath(...parts);
    const text = readFileSync(path, 'utf8');
    for (const onBadRow of ['error', 'skip'] as const) {
      const o = { file: path, fallbackSymbol: symbolFromFileName(path) ?? undefined, onBadRow };
      const expected = byRows(text, o);
      expect(byColumns(() => readPriceFile(path, { onBadRow }).parsed)).toEqual(expected);
    }
  });
});
