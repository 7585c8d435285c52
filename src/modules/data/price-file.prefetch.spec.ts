import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isShared, SHARED_COLUMN_MIN_LENGTH } from '../../core/market/float-column';
import { prefetchDataFileOf } from '../cli/data-file-prefetch';
import { prefetchPriceFile, priceFilePrefetched, takePrefetchedPriceFile } from './price-file.prefetch';
import { ReadPriceFile, readPriceFile } from './price-file.source';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-prefetch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A price file of `days` rows of made-up bars (adjusted closes included), named after its symbol. */
function priceFile(days: number, extra: string[] = []): string {
  const lines = ['date,open,high,low,close,adj_close,volume'];
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const close = 100 + Math.sin(d / 7) * 5 + d / 100;
    lines.push(`${day},${(close - 0.5).toFixed(4)},${(close + 1).toFixed(4)},${(close - 1).toFixed(4)},${close.toFixed(4)},${(close * 0.98).toFixed(4)},${1000 + d}`);
  }
  const path = join(dir, 'ACME.csv');
  writeFileSync(path, [...lines, ...extra].join('\n') + '\n');
  return path;
}

/** A read file as plain values: what comes from the thread is made in Node's realm, not the test's. */
function plain(read: ReadPriceFile): unknown {
  const { symbols, ...rest } = read.parsed;
  const columns = [...symbols].map(([symbol, c]) => ({
    symbol,
    length: c.length,
    ...Object.fromEntries((['time', 'open', 'high', 'low', 'close', 'volume', 'adjClose', 'splitCoefficient'] as const).map((k) => [k, c[k] && Array.from(c[k]!)])),
  }));
  return JSON.parse(JSON.stringify({ sha256: read.sha256, ...rest, columns }));
}

describe('a price file read on a thread while the command starts', () => {
  it('gives the columns, the problems and the hash of reading it on this thread, once', async () => {
    const path = priceFile(2_000, ['2026-01-01,99,101,98,oops,98,5']);
    prefetchPriceFile(path, { onBadRow: 'skip' });
    await priceFilePrefetched();
    const taken = takePrefetchedPriceFile(path, { onBadRow: 'skip' });
    expect(taken!.parsed.skippedRows).toBe(1);
    expect(plain(taken!)).toEqual(plain(readPriceFile(path, { onBadRow: 'skip' })));
    expect(takePrefetchedPriceFile(path, { onBadRow: 'skip' })).toBeNull();
  });

  it('hands a long file\'s columns over in shared memory, as reading it on this thread gives them', async () => {
    const path = priceFile(SHARED_COLUMN_MIN_LENGTH + 10);
    prefetchPriceFile(path);
    await priceFilePrefetched();
    const taken = takePrefetchedPriceFile(path)!;
    const columns = taken.parsed.symbols.get('ACME')!;
    expect([columns.time, columns.close, columns.adjClose!].every(isShared)).toBe(true);
    expect(plain(taken)).toEqual(plain(readPriceFile(path)));
  });

  it('gives nothing to a first read with other options, and lets the columns go', async () => {
    const path = priceFile(100);
    for (const other of [{ symbol: 'ACME', onBadRow: 'skip' as const }, { symbol: 'OTHER' }, {}]) {
      prefetchPriceFile(path, { symbol: 'acme' });
      await priceFilePrefetched();
      expect(takePrefetchedPriceFile(path, other)).toBeNull();
      expect(takePrefetchedPriceFile(path, { symbol: 'ACME' })).toBeNull();
    }
  });

  it('leaves a file changed since it was asked for to be read again', async () => {
    const path = priceFile(300);
    prefetchPriceFile(path);
    await priceFilePrefetched();
    appendFileSync(path, '2021-01-01,99,101,98,100,98,5\n');
    expect(takePrefetchedPriceFile(path)).toBeNull();
    expect(readPriceFile(path).parsed.symbols.get('ACME')!.length).toBe(301);
  });

  it('has nothing to give for a file it could not read: the reader on this thread reports why', async () => {
    const path = priceFile(10, ['2021-01-01,99,101,98,oops,98,5']);
    prefetchPriceFile(path);
    await priceFilePrefetched();
    expect(takePrefetchedPriceFile(path)).toBeNull();
    expect(() => readPriceFile(path)).toThrow(/non-numeric close "oops"/);
  });

  it('starts for a backtest with --data only, with the command line symbol and bad-row policy', async () => {
    const path = priceFile(50);
    prefetchDataFileOf(['compare', '--data', path]);
    await priceFilePrefetched();
    expect(takePrefetchedPriceFile(path)).toBeNull();
    prefetchDataFileOf(['backtest', '-s', 'sma-cross', `--data=${path}`, '--symbol', 'acme', '--on-bad-row', 'skip', '--json']);
    await priceFilePrefetched();
    expect(takePrefetchedPriceFile(path, { symbol: 'ACME', onBadRow: 'skip' })?.sha256).toBe(readPriceFile(path).sha256);
  });
});
