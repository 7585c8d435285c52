import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from './content-hash';
import { DataValidationError } from './data-validation.error';
import { DatasetConflictError, DatasetStore, DEFAULT_LICENCE_NOTE } from './dataset.store';
import { loadPriceFile } from './price-file.source';
import { priceRowsOf } from './price-columns';
import { encodePriceColumns, readPriceColumnsFile } from './price-columns.file';

const NOW = new Date('2026-01-02T03:04:05.000Z');
let dir: string;
let store: DatasetStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-store-'));
  store = new DatasetStore(join(dir, 'data'), () => NOW);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const yahoo = () =>
  csvFile('aapl.csv', [
    'Date,Open,High,Low,Close,Adj Close,Volume',
    '2020-01-02,10,11,9,10.5,5.25,100',
    '2020-01-03,10.5,12,10,11,5.5,200',
  ]);

describe('DatasetStore.importFile', () => {
  it('writes the canonical file of raw rows and a catalogue entry', () => {
    const { datasets } = store.importFile(yahoo());
    const canonical = readFileSync(join(dir, 'data', 'prices', 'AAPL.csv'), 'utf8');
    expect(canonical).toBe(
      'date,open,high,low,close,adj_close,volume,split_coefficient\n2020-01-02,10,11,9,10.5,5.25,100,\n2020-01-03,10.5,12,10,11,5.5,200,\n',
    );
    const expected = {
      symbol: 'AAPL',
      file: 'prices/AAPL.csv',
      source: 'aapl.csv',
      layout: 'yahoo',
      rows: 2,
      firstDate: '2020-01-02',
      lastDate: '2020-01-03',
      hasAdjClose: true,
      hasSplitCoefficient: false,
      sha256: contentHash(canonical),
      licence: DEFAULT_LICENCE_NOTE,
      importedAt: '2026-01-02T03:04:05.000Z',
    };
    expect(datasets).toEqual([{ ...expected, change: 'added' }]);
    expect(JSON.parse(readFileSync(join(dir, 'data', 'datasets.json'), 'utf8'))).toEqual({ version: 1, datasets: [expected] });
  });

  it('leaves a symbol imported again with the same content as it is', () => {
    const [first] = store.importFile(yahoo()).datasets;
    const again = store.importFile(csvFile('copy-of-aapl.csv', readFileSync(yahoo(), 'utf8').trimEnd().split('\n')), { symbol: 'AAPL' });
    expect(again.datasets).toEqual([{ ...first, change: 'unchanged' }]);
    const { change: _change, ...entry } = first;
    expect(store.list()).toEqual([entry]);
  });

  it('refuses other content for an imported symbol without replace, writing nothing, and replaces it with replace', () => {
    store.importFile(yahoo());
    const before = readFileSync(join(dir, 'data', 'datasets.json'), 'utf8');
    const other = csvFile('other.csv', ['date,open,high,low,close,volume', '2021-01-04,10,11,9,10,1']);
    expect(() => store.importFile(other, { symbol: 'AAPL' })).toThrow(
      'AAPL is already imported with other content (stored: 2 rows 2020-01-02..2020-01-03 from aapl.csv; this file: 1 rows 2021-01-04..2021-01-04): nothing was written; import with --replace to replace the stored data',
    );
    expect(() => store.importFile(other, { symbol: 'AAPL' })).toThrow(DatasetConflictError);
    expect(readFileSync(join(dir, 'data', 'datasets.json'), 'utf8')).toBe(before);
    const replaced = store.importFile(other, { symbol: 'AAPL', replace: true });
    expect(replaced.datasets.map((d) => [d.symbol, d.change, d.rows])).toEqual([['AAPL', 'replaced', 1]]);
    expect(store.loadSymbol('AAPL').prices.length).toBe(1);
  });

  it('uses --symbol over the file name and keeps the given licence note', () => {
    store.importFile(yahoo(), { symbol: 'apple', licence: 'CC0' });
    expect(store.list().map((e) => [e.symbol, e.licence])).toEqual([['APPLE', 'CC0']]);
  });

  it('stores each symbol of a long file and merges with earlier imports', () => {
    store.importFile(yahoo());
    const long = csvFile('long.csv', [
      'date,open,high,low,close,volume,Name',
      '2020-01-02,10,11,9,10,1,ZZZ',
      '2020-01-02,20,21,19,20,1,BBB',
      '2020-01-03,20,21,19,20,1,BBB',
    ]);
    store.importFile(long);
    expect(store.list().map((e) => [e.symbol, e.layout, e.rows])).toEqual([
      ['AAPL', 'yahoo', 2],
      ['BBB', 'long', 2],
      ['ZZZ', 'long', 1],
    ]);
  });

  it('writes nothing when validation fails', () => {
    const bad = csvFile('bad.csv', ['date,open,high,low,close,volume', '2020-01-02,,11,9,10,1']);
    expect(() => store.importFile(bad)).toThrow(DataValidationError);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('imports the good rows in skip mode and returns the problems', () => {
    const bad = csvFile('bad.csv', ['date,open,high,low,close,volume', '2020-01-02,,11,9,10,1', '2020-01-03,10,11,9,10,1']);
    const result = store.importFile(bad, { onBadRow: 'skip' });
    expect(result.skippedRows).toBe(1);
    expect(result.problems).toEqual([{ file: bad, line: 2, reason: 'empty open' }]);
    expect(result.datasets[0].rows).toBe(1);
    expect(readdirSync(join(dir, 'data', 'prices')).sort()).toEqual(['BAD.columns', 'BAD.csv']);
  });
});

describe('DatasetStore.loadSymbol', () => {
  it('parses the same content once for repeated loads, and again once it was replaced', () => {
    store.importFile(yahoo());
    const first = store.loadSymbol('AAPL');
    expect(store.loadSymbol('AAPL')).toBe(first);
    expect(store.loadSymbol('AAPL', { adjust: 'none' })).not.toBe(first);
    const other = csvFile('other.csv', ['Date,Open,High,Low,Close,Adj Close,Volume', '2021-01-04,20,21,19,20.5,20.5,100', '2021-01-05,20.5,22,20,21,21,200']);
    store.importFile(other, { symbol: 'AAPL', replace: true });
    const after = store.loadSymbol('AAPL');
    expect(after).not.toBe(first);
    expect(Array.from(after.prices.close)).toEqual([20.5, 21]);
  });

  it('returns the same raw rows as the source file, the canonical hash and an adjusted series', () => {
    const source = yahoo();
    const [entry] = store.importFile(source).datasets;
    const stored = store.loadSymbol('aapl', { adjust: 'total' });
    const direct = loadPriceFile(source, { adjust: 'total' });
    expect(priceRowsOf(stored.prices)).toEqual(priceRowsOf(direct.prices));
    expect(stored.sha256).toBe(entry.sha256);
    expect(stored.layout).toBe('yahoo');
    expect(Array.from(stored.series.close)).toEqual([5.25, 5.5]);
    expect(stored.adjust).toBe('total');
  });

  it('keeps the parsed columns beside the canonical file from its import, and a load reads them instead of the CSV', () => {
    const [entry] = store.importFile(yahoo()).datasets;
    const columnsPath = join(dir, 'data', 'prices', 'AAPL.columns');
    const imported = readPriceColumnsFile(columnsPath, entry.sha256);
    rmSync(columnsPath);
    // Parsed from the CSV (and kept again): what the import kept, to the bit.
    const parsed = store.loadSymbol('AAPL');
    expect(imported).toEqual(parsed.prices);
    expect(readPriceColumnsFile(columnsPath, entry.sha256)).toEqual(parsed.prices);
    const fresh = new DatasetStore(join(dir, 'data'), () => NOW).loadSymbol('AAPL');
    expect(priceRowsOf(fresh.prices)).toEqual(priceRowsOf(parsed.prices));
    expect(Array.from(fresh.series.close)).toEqual(Array.from(parsed.series.close));
    expect({ ...fresh, prices: null, series: null }).toEqual({ ...parsed, prices: null, series: null });
    // Read, not parsed: columns kept for this content are what a load gives.
    const changed = { ...parsed.prices, close: Float64Array.from([10.5, 11.25]) };
    writeFileSync(columnsPath, encodePriceColumns(changed, entry.sha256));
    expect(Array.from(new DatasetStore(join(dir, 'data'), () => NOW).loadSymbol('AAPL', { adjust: 'none' }).prices.close)).toEqual([10.5, 11.25]);
  });

  it('parses the CSV again, and keeps its columns again, when the columns file is not of its content', () => {
    const [entry] = store.importFile(yahoo()).datasets;
    const columnsPath = join(dir, 'data', 'prices', 'AAPL.columns');
    const load = () => Array.from(new DatasetStore(join(dir, 'data'), () => NOW).loadSymbol('AAPL', { adjust: 'none' }).prices.close);
    const good = store.loadSymbol('AAPL').prices;
    const bytes = readFileSync(columnsPath);
    const otherContent = encodePriceColumns({ ...good, close: Float64Array.from([1, 2]) }, 'ab'.repeat(32));
    for (const bad of [bytes.subarray(0, bytes.length - 8), otherContent, Buffer.from('not columns')]) {
      writeFileSync(columnsPath, bad);
      expect(load()).toEqual([10.5, 11]);
      expect(readPriceColumnsFile(columnsPath, entry.sha256)).toEqual(good);
    }
    // A replaced dataset's columns are its own.
    store.importFile(csvFile('other.csv', ['Date,Open,High,Low,Close,Adj Close,Volume', '2021-01-04,20,21,19,20.5,20.5,100']), { symbol: 'AAPL', replace: true });
    expect(load()).toEqual([20.5]);
  });

  it("keeps a source without adjusted close unadjustable by 'total'", () => {
    store.importFile(csvFile('x.csv', ['date,open,high,low,close,volume', '2020-01-02,10,11,9,10,1']));
    expect(store.loadSymbol('X').adjust).toBe('none');
    expect(() => store.loadSymbol('X', { adjust: 'total' })).toThrow(/needs an adjusted close column/);
  });

  it('names an unknown symbol', () => {
    expect(() => store.loadSymbol('NOPE')).toThrow(/no dataset for symbol NOPE/);
  });

  it('refuses a canonical file changed since import', () => {
    store.importFile(yahoo());
    writeFileSync(join(dir, 'data', 'prices', 'AAPL.csv'), 'date,open,high,low,close,adj_close,volume,split_coefficient\n');
    expect(() => store.loadSymbol('AAPL')).toThrow(/changed since it was imported/);
  });
});

describe('loadPriceFile', () => {
  it('hashes the file content as given', () => {
    const source = yahoo();
    expect(loadPriceFile(source).sha256).toBe(contentHash(readFileSync(source)));
  });

  it('asks for a symbol when a long file holds several', () => {
    const long = csvFile('long.csv', ['date,open,high,low,close,volume,symbol', '2020-01-02,10,11,9,10,1,A', '2020-01-02,10,11,9,10,1,B']);
    expect(() => loadPriceFile(long)).toThrow(/holds 2 symbols \(A, B\); choose one with --symbol/);
    expect(loadPriceFile(long, { symbol: 'b' }).symbol).toBe('B');
  });
});
