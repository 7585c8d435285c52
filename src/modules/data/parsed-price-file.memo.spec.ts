import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedPriceFileMemo } from './parsed-price-file.memo';
import { ReadPriceFile, readPriceFile } from './price-file.source';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-memo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function priceFile(name: string, closes: number[]): string {
  const rows = closes.map((c, d) => `2020-01-${String(d + 2).padStart(2, '0')},${c},${c + 1},${c - 1},${c},${c},${1000 + d}`);
  const path = join(dir, name);
  writeFileSync(path, ['date,open,high,low,close,adj_close,volume', ...rows].join('\n') + '\n');
  return path;
}

describe('the last price file read', () => {
  it('is read once for a command that asks twice, then let go', () => {
    const path = priceFile('ACME.csv', [10, 11, 12]);
    const memo = new ParsedPriceFileMemo();
    let reads = 0;
    const read = (): ReadPriceFile => {
      reads++;
      return readPriceFile(path);
    };
    const first = memo.get(path, {}, read);
    // The run asks with the symbol the file turned out to hold: the same parse.
    expect(memo.get(path, { symbol: 'acme' }, read)).toBe(first);
    expect(reads).toBe(1);
    // Taken: a third read parses again rather than keeping the columns for the rest of the command.
    expect(memo.get(path, { symbol: 'ACME' }, read)).not.toBe(first);
    expect(reads).toBe(2);
  });

  it('reads again when the options or the file differ', () => {
    const path = priceFile('ACME.csv', [10, 11, 12]);
    const memo = new ParsedPriceFileMemo();
    let reads = 0;
    const read = () => {
      reads++;
      return readPriceFile(path);
    };
    memo.get(path, {}, read);
    memo.get(path, { onBadRow: 'skip' }, read);
    expect(reads).toBe(2);
    writeFileSync(path, 'date,open,high,low,close,adj_close,volume\n2020-01-02,5,6,4,5,5,100\n');
    const again = memo.get(path, { onBadRow: 'skip' }, read);
    expect(reads).toBe(3);
    expect(again.parsed.symbols.get('ACME')!.length).toBe(1);
  });
});
