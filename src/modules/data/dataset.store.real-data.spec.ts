import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSharedData, sharedDataPath } from '../../../test/support/shared-data';
import { DataValidationError } from './data-validation.error';
import { DatasetStore } from './dataset.store';


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
    expect(readdirSync(store.pricesDir)).toHaveLength(505);
    const entries = store.list();
    expect(entries).toHaveLength(505);
    expect(entries.reduce((sum, e) => sum + e.rows, 0)).toBe(619_017);
    expect(entries.find((e) => e.symbol === 'AAL')).toMatchObject({ layout: 'long', firstDate: '2013-02-08', lastDate: '2018-02-07', rows: 1259 });
    expect(store.loadSymbol('DHR').prices.length).toBe(1240);
  });
});
