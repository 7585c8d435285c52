import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from './content-hash';
import { NewsStore } from './news.store';

const NOW = new Date('2026-01-02T03:04:05.000Z');
let dir: string;
let store: NewsStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-news-'));
  store = new NewsStore(join(dir, 'data'), () => NOW);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

const first = () => file('first.csv', ['id,timestamp,symbol,headline,source', 'b,2014-01-02T12:00:00Z,AAPL,second,wire', 'a,2014-01-02T11:00:00Z,AAPL,first,wire', 'c,2014-01-03T11:00:00Z,MSFT,msft,blog']);

describe('NewsStore', () => {
  it('writes one JSONL file per symbol sorted by time and a catalogue entry', () => {
    const result = store.importFile(first());
    const text = readFileSync(join(dir, 'data', 'news', 'AAPL.jsonl'), 'utf8');
    expect(text).toBe(
      '{"id":"a","time":1388660400000,"symbol":"AAPL","headline":"first","source":"wire"}\n{"id":"b","time":1388664000000,"symbol":"AAPL","headline":"second","source":"wire"}\n',
    );
    expect(result.added).toBe(3);
    expect(store.list()).toEqual([
      { symbol: 'AAPL', file: 'news/AAPL.jsonl', items: 2, first: '2014-01-02T11:00:00.000Z', last: '2014-01-02T12:00:00.000Z', sources: ['wire'], imports: ['first.csv'], sha256: contentHash(text), importedAt: NOW.toISOString() },
      expect.objectContaining({ symbol: 'MSFT', items: 1, sources: ['blog'] }),
    ]);
  });

  it('hands repeated loads of unchanged bytes the same frozen list, and a new one after an import', () => {
    store.importFile(first());
    const once = store.load('AAPL').items;
    expect(store.load('AAPL').items).toBe(once);
    expect(Object.isFrozen(once) && Object.isFrozen(once[0])).toBe(true);
    store.importFile(file('more.csv', ['id,timestamp,symbol,headline', 'd,2014-01-04T11:00:00Z,AAPL,third']));
    const after = store.load('AAPL').items;
    expect(after).not.toBe(once);
    expect(after.map((i) => i.id)).toEqual(['a', 'b', 'd']);
  });

  it('changes nothing when the same file is imported again', () => {
    store.importFile(first());
    const before = readFileSync(join(dir, 'data', 'news.json'), 'utf8');
    const again = store.importFile(first());
    expect(again.added).toBe(0);
    expect(readFileSync(join(dir, 'data', 'news.json'), 'utf8')).toBe(before);
  });

  it('merges a second file by id: new ids are added, known ids replaced', () => {
    store.importFile(first());
    const second = file('second.csv', ['id,timestamp,symbol,headline', 'a,2014-01-02T11:00:00Z,AAPL,first (corrected)', 'd,2014-01-01T09:00:00Z,AAPL,earliest']);
    const result = store.importFile(second);
    expect(result.added).toBe(1);
    const { items } = store.load('aapl');
    expect(items.map((i) => `${i.id}:${i.headline}`)).toEqual(['d:earliest', 'a:first (corrected)', 'b:second']);
    expect(store.list()[0].imports).toEqual(['first.csv', 'second.csv']);
  });

  it('loads a time range inclusive at both ends, with the hash of the whole file', () => {
    store.importFile(first());
    const t = Date.parse('2014-01-02T12:00:00Z');
    const loaded = store.load('AAPL', { from: t, to: t });
    expect(loaded.items.map((i) => i.id)).toEqual(['b']);
    expect(loaded.sha256).toBe(store.list()[0].sha256);
    expect(store.load('AAPL', { to: t - 1 }).items.map((i) => i.id)).toEqual(['a']);
  });

  it('writes nothing when a file is refused', () => {
    const bad = file('bad.csv', ['timestamp,symbol,headline', 'nope,AAPL,x']);
    expect(() => store.importFile(bad)).toThrow(/bad\.csv:2: bad timestamp "nope"/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('refuses to load a symbol without news or a file changed since its import', () => {
    expect(() => store.load('AAPL')).toThrow(/no news for symbol AAPL/);
    store.importFile(first());
    writeFileSync(join(dir, 'data', 'news', 'AAPL.jsonl'), '');
    expect(() => store.load('AAPL')).toThrow(/changed since it was imported/);
    expect(() => store.importFile(first())).toThrow(/changed since it was imported/);
  });
});
