import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from './content-hash';
import { FundamentalsStore } from './fundamentals.store';

const NOW = new Date('2026-01-02T03:04:05.000Z');
let dir: string;
let store: FundamentalsStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-fund-'));
  store = new FundamentalsStore(join(dir, 'data'), () => NOW);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, ['symbol,date,qtr,eps_est,eps,release_time,surp', ...lines].join('\n') + '\n');
  return path;
}

const eps = () => file('eps.csv', ['AAPL,4/30/19,19-Mar,2.361,2.46,post,0.099', 'AAPL,7/30/19,19-Jun,2.098,2.18,post,0.082', 'AAN,7/25/19,19-Jun,0.872,0.93,pre,0.058']);

describe('FundamentalsStore', () => {
  it('writes one JSON file per symbol and a catalogue entry with its coverage', () => {
    const result = store.importFile(eps());
    expect(result.records).toBe(3);
    const text = readFileSync(join(dir, 'data', 'fundamentals', 'AAPL.json'), 'utf8');
    expect(JSON.parse(text).records.map((r: { quarter: string }) => r.quarter)).toEqual(['2019-03', '2019-06']);
    expect(store.list()).toEqual([
      expect.objectContaining({ symbol: 'AAN', quarters: 1 }),
      {
        symbol: 'AAPL',
        file: 'fundamentals/AAPL.json',
        quarters: 2,
        firstQuarter: '2019-03',
        lastQuarter: '2019-06',
        firstAnnounced: '2019-04-30',
        lastAnnounced: '2019-07-30',
        inferredQuarters: 0,
        imports: ['eps.csv'],
        sha256: contentHash(text),
        importedAt: NOW.toISOString(),
      },
    ]);
  });

  it('keeps one symbol with --symbol and loads it back as records', () => {
    store.importFile(eps(), { symbol: 'AAPL' });
    expect(store.list().map((e) => e.symbol)).toEqual(['AAPL']);
    const { records, sha256 } = store.load('aapl');
    expect(records.map((r) => r.epsActual)).toEqual([2.46, 2.18]);
    expect(sha256).toBe(store.list()[0].sha256);
  });

  it('changes nothing on a re-import and merges new announcements by day', () => {
    store.importFile(eps());
    const before = readFileSync(join(dir, 'data', 'fundamentals', 'AAPL.json'), 'utf8');
    store.importFile(eps());
    expect(readFileSync(join(dir, 'data', 'fundamentals', 'AAPL.json'), 'utf8')).toBe(before);
    store.importFile(file('more.csv', ['AAPL,10/30/19,19-Sep,2.84,3.03,post,0.19', 'AAPL,7/30/19,19-Jun,2.1,2.18,post,0.08']));
    const { records } = store.load('AAPL');
    expect(records.map((r) => [r.quarter, r.epsEstimate])).toEqual([
      ['2019-03', 2.361],
      ['2019-06', 2.1],
      ['2019-09', 2.84],
    ]);
    expect(store.list().find((e) => e.symbol === 'AAPL')!.imports).toEqual(['eps.csv', 'more.csv']);
  });

  it('writes nothing when a file is refused', () => {
    expect(() => store.importFile(file('bad.csv', ['AAPL,7/30/19,19-Jun,abc,2.18,post,0']))).toThrow(/bad\.csv:2: non-numeric eps_est "abc"/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('refuses to load an unknown symbol or a file changed since its import', () => {
    expect(() => store.load('AAPL')).toThrow(/no fundamentals for symbol AAPL/);
    store.importFile(eps());
    writeFileSync(join(dir, 'data', 'fundamentals', 'AAPL.json'), '{"version":1,"symbol":"AAPL","records":[]}');
    expect(() => store.load('AAPL')).toThrow(/changed since it was imported/);
  });
});
