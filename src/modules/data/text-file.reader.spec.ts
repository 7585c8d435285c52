import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { looksBinary, quoted, readTextFile } from './text-file.reader';

describe('readTextFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the bytes of a text file', () => {
    writeFileSync(join(dir, 'a.csv'), 'date,open\n');
    expect(readTextFile(join(dir, 'a.csv'), 'a price CSV').toString()).toBe('date,open\n');
  });

  it('names the file and the problem in one line, never the raw error', () => {
    expect(() => readTextFile(join(dir, 'none.csv'), 'a price CSV')).toThrow(`${join(dir, 'none.csv')}: no such file`);
    expect(() => readTextFile(dir, 'a price CSV')).toThrow(`${dir}: is a directory, not a file`);
    writeFileSync(join(dir, 'b.csv'), Buffer.from([0x44, 0x61, 0x00, 0x1b, 0x5b]));
    expect(() => readTextFile(join(dir, 'b.csv'), 'a price CSV')).toThrow(`${join(dir, 'b.csv')}: not a text file (binary content); expected a price CSV`);
  });
});

describe('looksBinary', () => {
  it('takes UTF-8 and Latin-1 text with tabs and CRLF for text', () => {
    expect(looksBinary(Buffer.from('Wärtsilä\tnet sales\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from('Wärtsilä net sales\n', 'latin1'))).toBe(false);
  });

  it('takes a NUL byte or many control characters for binary content', () => {
    expect(looksBinary(Buffer.from('text\u0000more'))).toBe(true);
    expect(looksBinary(Buffer.from('\u0001\u0002\u0003abcdefg'))).toBe(true);
  });
});

describe('quoted', () => {
  it('escapes control characters and cuts long text', () => {
    expect(quoted('a\u001b[31mb\u0000')).toBe('a\\u001b[31mb\\u0000');
    expect(quoted('x'.repeat(10), 4)).toBe('xxxx…');
  });
});
