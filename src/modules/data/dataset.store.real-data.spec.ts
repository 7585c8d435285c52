import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { DataValidationError } from './data-validation.error';
import { DatasetStore } from './dataset.store';
import { readPriceColumnsFile } from './price-columns.file';
import { parsePriceCsv } from './price-csv.loader';


describeWithSharedData('importing all_stocks_5yr.csv', () => {
  const file = sharedDataPath('prices', 'sp500_5yr', 'all_stocks_5yr.csv');
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nothing in error mode', () => {
    const store = new DatasetStore(join(dir, 'data'));
    expect(() => store.importFile(file)).toThrow(DataValidationError);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('stores 505 symbols with the 619,017 good rows in skip mode', () => {
    const store = new DatasetStore(join(dir, 'data'));
    const result = store.importFile(file, { onBadRow: 'skip' });
    expect(result.skippedRows).toBe(23);
    const files = readdirSync(store.pricesDir);
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(505);
    expect(files.filter((f) => f.endsWith('.columns'))).toHaveLength(505);
    const entries = store.list();
    expect(entries).toHaveLength(505);
    expect(entries.reduce((sum, e) => sum + e.rows, 0)).toBe(619_017);
    expect(entries.find((e) => e.symbol === 'AAL')).toMatchObject({ layout: 'long', firstDate: '2013-02-08', lastDate: '2018-02-07', rows: 1259 });
    expect(store.loadSymbol('DHR').prices.length).toBe(1240);
  });

  it("keeps every symbol's columns as parsing its canonical file gives them, to the bit", () => {
    const store = new DatasetStore(join(dir, 'data'));
    store.importFile(file, { onBadRow: 'skip' });
    for (const entry of store.list()) {
      const path = join(dir, 'data', entry.file);
      const parsed = parsePriceCsv(readFileSync(path, 'utf8'), { file: path, symbol: entry.symbol }).symbols.get(entry.symbol)!;
      const kept = readPriceColumnsFile(store.columnsPath(entry.symbol), entry.sha256)!;
      for (const column of ['time', 'open', 'high', 'low', 'close', 'volume', 'adjClose', 'splitCoefficient'] as const) {
        const [a, b] = [parsed[column], kept[column]];
        if (a === null) {
          expect(b).toBeNull();
          continue;
        }
        // Bit for bit: the same bytes, so -0 and NaN payloads count too.
        expect(bytesOf(a).equals(bytesOf(b!))).toBe(true);
      }
    }
  });
});

function bytesOf(column: Float64Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}
