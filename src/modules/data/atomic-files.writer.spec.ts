import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFilesAtomically } from './atomic-files.writer';

describe('writeFilesAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tg-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file, creating directories', () => {
    writeFilesAtomically([
      { path: join(dir, 'a', 'one.txt'), content: '1' },
      { path: join(dir, 'two.txt'), content: '2' },
    ]);
    expect(readFileSync(join(dir, 'a', 'one.txt'), 'utf8')).toBe('1');
    expect(readFileSync(join(dir, 'two.txt'), 'utf8')).toBe('2');
    expect(readdirSync(dir).sort()).toEqual(['a', 'two.txt']);
  });

  it('touches no target and leaves no temporary file when one write fails', () => {
    writeFileSync(join(dir, 'one.txt'), 'old');
    writeFileSync(join(dir, 'blocker'), 'a file where a directory is needed');
    expect(() =>
      writeFilesAtomically([
        { path: join(dir, 'one.txt'), content: 'new' },
        { path: join(dir, 'blocker', 'two.txt'), content: '2' },
      ]),
    ).toThrow();
    expect(readFileSync(join(dir, 'one.txt'), 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocker', 'one.txt']);
  });

  it('replaces an existing file', () => {
    mkdirSync(join(dir, 'p'));
    writeFileSync(join(dir, 'p', 'x.csv'), 'old');
    writeFilesAtomically([{ path: join(dir, 'p', 'x.csv'), content: 'new' }]);
    expect(readFileSync(join(dir, 'p', 'x.csv'), 'utf8')).toBe('new');
  });
});
