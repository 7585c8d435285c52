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

/** The columnar parser fed the text's UTF-8 bytes in blocks of `size` bytes (boundaries inside characters too). */
function inBytePieces(bytes: Buffer, options: PriceCsvOptions, size: number) {
  const parser = new PriceCsvParser(options, bytes.length);
  for (let at = 0; at < bytes.length; at += size) parser.pushBytes(bytes.subarray(at, at + size));
  return parser.end();
}

/**
 * Checks the columnar loader against the row-by-row one on a text, whole, in pieces, as bytes
 * in blocks of several sizes and read from a file named `name` (a file without a symbol column
 * takes its symbol from the name), under both bad-row policies.
 */
function expectSameAsRows(text: string, name: string, symbol?: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'tg-columns-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text);
    const bytes = Buffer.from(text, 'utf8');
    for (const onBadRow of ['error', 'skip'] as const) {
      const o = { file: path, symbol, fallbackSymbol: symbolFromFileName(path) ?? undefined, onBadRow };
      const expected = byRows(text, o);
      expect(byColumns(() => parsePriceCsv(text, o))).toEqual(expected);
      expect(byColumns(() => inPieces(text, o, 7))).toEqual(expected);
      for (const size of [1, 2, 5, 64]) expect(byColumns(() => inBytePieces(bytes, o, size))).toEqual(expected);
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

  it.each([
    ['non-ASCII text in rows and fields', [GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,1０,11,9,10,100', '2020-01-06,10,11,9,10,100 é', 'é2020-01-07,10,11,9,10,100', '2020-01-08,10,11,9,10,100']],
    ['numbers the plain reading leaves to Number', [GENERIC, '2020-01-02,10.,11.0,9.00,10,100', '2020-01-03,.5e1,11,0.9e1,10,1e2', '2020-01-06, 10,11 ,9,10,100', '2020-01-07,-10,11,9,10,100', '2020-01-08,10,11,9,10,-0', '2020-01-09,10,11,9,10,0x10', '2020-01-10,1234567890123456,11,9,10,100', '2020-01-13,10,11,9,10,123456789012345', '2020-01-14,10,11,9,10,+5', '2020-01-15,10,11,9,10,1.2.3', '2020-01-16,-,11,9,10,100', '2020-01-17,10,11,9,10,.', '2020-01-20,10,11,9,10,Infinity']],
    ['prices at the plausible bounds', [GENERIC, '2020-01-02,0.000001,0.000001,0.000001,0.000001,1', '2020-01-03,0.0000009,0.000001,0.0000009,0.000001,1', '2021-01-04,10000000,10000000,10000000,10000000,1', '2021-01-05,10000000,10000000.1,10000000,10000000,1']],
    ['rows of too many or too few fields and lone carriage returns', [GENERIC, '2020-01-02,10,11,9,10,100,', '2020-01-03,10,11,9,10', '2020-01-06,10,11,9,10,100\r\r', '\r', '2020-01-07,10,11,9\r,10,100', ',,,,,', '2020-01-08,10,11,9,10,100']],
    ['a quoted field late in the file, after plain rows', [GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,10,11,9,10,100', '2020-01-06,"10",11,9,10,100', '2020-01-07,10,11,9,10,100', '2020-01-08,10,11,9,10,100']],
    ['adjusted closes and splits that are not positive', ['date,open,high,low,close,adj_close,volume,split_coefficient', '2020-01-02,10,11,9,10,5,100,1', '2020-01-03,10,11,9,10,0,100,1', '2020-01-06,10,11,9,10,5,100,0', '2020-01-07,10,11,9,10,-5,100,-1', '2020-01-08,10,11,9,10,5.1,100,1.0']],
    ['a BOM and no line end after the last row', ['\ufeff' + GENERIC, '2020-01-02,10,11,9,10,100', '2020-01-03,10,11,9,10,100\r']],
  ])('on %s', (_, lines) => {
    expectSameAsRows(lines.join('\n'), 'x.csv');
    expectSameAsRows(lines.join('\r\n') + '\r\n', 'x.csv');
  });

  it('on bytes that are not valid UTF-8, read as their decoded text', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${GENERIC}\n2020-01-02,10,11,9,10,100\n2020-01-03,10,11,9,10,1`),
      Buffer.from([0xff, 0x30, 0xe2, 0x82]),
      Buffer.from('\n2020-01-06,10,11,9,10,100\n2020-01-07,10,11,9,10,100'),
      Buffer.from([0xc3]),
      Buffer.from('\r\n'),
    ]);
    for (const onBadRow of ['error', 'skip'] as const) {
      const o = { file: 'x.csv', fallbackSymbol: 'X', onBadRow };
      const expected = byRows(bytes.toString('utf8'), o);
      expect(byColumns(() => inBytePieces(bytes, o, bytes.length))).toEqual(expected);
      expect(byColumns(() => inBytePieces(bytes, o, 1))).toEqual(expected);
    }
  });

  it('on stored datasets, whose adjusted close and split columns are empty in every row, in some or in none', () => {
    const header = 'date,open,high,low,close,adj_close,volume,split_coefficient';
    const row = (i: number, adj: string, split: string) => `2020-01-${String(2 + i).padStart(2, '0')},10.5,11,10,10.25,${adj},${1000 + i},${split}`;
    const files = [
      [0, 1, 2, 3].map((i) => row(i, '', '')),
      [0, 1, 2, 3].map((i) => row(i, String(5 + i / 8), i === 2 ? '2' : '1')),
      [0, 1, 2, 3].map((i) => row(i, i === 1 ? '' : '5.125', '')),
      [0, 1, 2, 3].map((i) => row(i, '', i === 3 ? '' : '1')),
      [0, 1, 2, 3].map((i) => row(i, i === 0 ? '0' : '', i === 1 ? '-1' : '')),
    ];
    for (const lines of files) expectSameAsRows([header, ...lines].join('\n') + '\n', 'X.csv');
  });

  it('on many rows with random damage, read as bytes in blocks of random sizes', () => {
    // A seeded generator: the same damage on every run.
    let seed = 17;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const damage = ['', ',', '.', '-', ' ', '"', '\r', '\n', 'e', '0', '9', '1e400', 'é', '\ufeff', '12345678901234567'];
    for (let round = 0; round < 40; round++) {
      const header = pick([GENERIC, 'date,open,high,low,close,adj_close,volume', 'date,open,high,low,close,volume,Name']);
      const lines = [header];
      let day = Date.UTC(2000, 0, 3);
      let close = 50;
      for (let i = 0; i < 60; i++) {
        day += 86_400_000 * (1 + Math.floor(random() * 3));
        close = Math.max(0.01, Math.round(close * (0.9 + random() * 0.2) * 100) / 100);
        const low = Math.round(close * 0.97 * 100) / 100;
        const high = Math.round(close * 1.03 * 100) / 100;
        const fields = [new Date(day).toISOString().slice(0, 10), String(close), String(high), String(low), String(close)];
        if (header.includes('adj_close')) fields.push(String(Math.round(close * 50) / 100));
        fields.push(String(Math.floor(random() * 1e6)));
        if (header.endsWith('Name')) fields.push(pick(['AAA', 'AAA', 'BBB', 'b b']));
        let line = fields.join(',');
        if (random() < 0.25) {
          const at = Math.floor(random() * (line.length + 1));
          line = line.slice(0, at) + pick(damage) + line.slice(at + (random() < 0.5 ? 1 : 0));
        }
        lines.push(line);
      }
      const text = lines.join(random() < 0.5 ? '\n' : '\r\n') + (random() < 0.5 ? '\n' : '');
      const bytes = Buffer.from(text, 'utf8');
      const o = { file: 'x.csv', fallbackSymbol: 'X', onBadRow: 'skip' as const, ...(header.endsWith('Name') && random() < 0.5 ? { symbol: 'AAA' } : {}) };
      const expected = byRows(text, o);
      const parser = new PriceCsvParser(o, bytes.length);
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(random() * 300);
        parser.pushBytes(bytes.subarray(at, at + size));
        at += size;
      }
      expect(byColumns(() => parser.end())).toEqual(expected);
    }
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
