import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetStore } from './dataset.store';
import type { LoadedDataset } from './price-file.source';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-columns-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const ROWS = [
  'Date,Open,High,Low,Close,Adj Close,Volume',
  '2020-01-02,10,11,9,10.5,5.25,100',
  '2020-01-03,10.5,12,10,11,5.5,200',
  '2020-01-06,11.1,11.300000000000001,10.1,11.2,5.6,0',
];

/** Everything a load gives, its columns and series as plain arrays (NaN kept). */
function plain(d: LoadedDataset): unknown {
  const arrays = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
  return { ...d, prices: arrays(d.prices), series: arrays(d.series) };
}

describe('PriceColumnsCache', () => {
  const columnsDir = () => join(dir, 'data', 'cache', 'columns');

  it('keeps the columns a stored CSV parses to, and a later store loads exactly the same dataset from them', () => {
    const first = new DatasetStore(join(dir, 'data'));
    first.importFile(csvFile('aapl.csv', ROWS));
    const parsed = first.loadSymbol('AAPL', { adjust: 'none' });
    const kept = readdirSync(columnsDir());
    expect(kept).toEqual([`AAPL.${parsed.sha256}.f64`]);
    for (const adjust of ['none', 'total', 'auto'] as const) {
      const fresh = new DatasetStore(join(dir, 'data'));
      rmSync(columnsDir(), { recursive: true, force: true });
      const fromCsv = fresh.loadSymbol('AAPL', { adjust });
      const fromColumns = new DatasetStore(join(dir, 'data')).loadSymbol('AAPL', { adjust });
      expect(plain(fromColumns)).toEqual(plain(fromCsv));
    }
  });

  it('parses the CSV again when the kept columns are damaged, and keeps them anew', () => {
    const store = new DatasetStore(join(dir, 'data'));
    store.importFile(csvFile('aapl.csv', ROWS));
    const expected = plain(store.loadSymbol('AAPL'));
    const [name] = readdirSync(columnsDir());
    writeFileSync(join(columnsDir(), name), 'tradinggroup-price-columns-v1\n{"broken"');
    expect(plain(new DatasetStore(join(dir, 'data')).loadSymbol('AAPL'))).toEqual(expected);
    expect(plain(new DatasetStore(join(dir, 'data')).loadSymbol('AAPL'))).toEqual(expected);
  });

  it('keeps only the columns of the content imported last', () => {
    const store = new DatasetStore(join(dir, 'data'));
    store.importFile(csvFile('aapl.csv', ROWS));
    store.loadSymbol('AAPL');
    store.importFile(csvFile('aapl.csv', [...ROWS, '2020-01-07,11,11,11,11,5.5,1']), { replace: true });
    const replaced = new DatasetStore(join(dir, 'data')).loadSymbol('AAPL');
    expect(replaced.prices.length).toBe(4);
    expect(readdirSync(columnsDir())).toEqual([`AAPL.${replaced.sha256}.f64`]);
  });
});
