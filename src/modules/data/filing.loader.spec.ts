import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFiling, parseFilingText } from './filing.loader';

const parse = (text: string) => parseFilingText(text, { file: 'filing.txt' });

describe('filing loader', () => {
  it('reads a plain-text filing: a header line, then one passage per paragraph', () => {
    const passages = parse(
      ['# AAPL | 10-Q 2015-Q2 | 2015-04-28T16:30:00-04:00', '', 'Net sales increased 27%', 'driven by iPhone.', '', '', 'Gross margin was 40.8%.', ''].join('\n'),
    );
    expect(passages).toEqual([
      { id: 'AAPL 10-Q 2015-Q2 #1', symbol: 'AAPL', publishedAt: Date.parse('2015-04-28T20:30:00Z'), document: '10-Q 2015-Q2', text: 'Net sales increased 27% driven by iPhone.' },
      { id: 'AAPL 10-Q 2015-Q2 #2', symbol: 'AAPL', publishedAt: Date.parse('2015-04-28T20:30:00Z'), document: '10-Q 2015-Q2', text: 'Gross margin was 40.8%.' },
    ]);
  });

  it('reads JSON Lines passages, ordered by publication time, with New York time for stamps without a zone', () => {
    const passages = parse(
      [
        JSON.stringify({ symbol: 'aapl', publishedAt: '2015-07-21T16:30:00', document: '10-Q 2015-Q3', text: 'later' }),
        JSON.stringify({ symbol: 'AAPL', publishedAt: 1430253000000, document: '10-Q 2015-Q2', text: 'earlier', id: 'p-1' }),
      ].join('\n'),
    );
    expect(passages.map((p) => [p.id, p.publishedAt])).toEqual([
      ['p-1', 1_430_253_000_000],
      ['AAPL 10-Q 2015-Q3 #1', Date.parse('2015-07-21T20:30:00Z')],
    ]);
  });

  it('refuses a file with problems, listing each as file:line: reason', () => {
    expect(() => parse(['Orphan text', '# AAPL | 10-Q | tomorrow', 'skipped', '# AAPL | 10-K 2015 | 2015-10-28', 'fine'].join('\n'))).toThrow(
      /filing\.txt:1: text before the first .*\nfiling\.txt:2: bad publishedAt "tomorrow"/,
    );
    expect(() => parse([JSON.stringify({ symbol: 'AAPL', publishedAt: '2015-10-28', document: '10-K', text: ' ' }), '{oops'].join('\n'))).toThrow(
      /filing\.txt:1: empty text\nfiling\.txt:2: not valid JSON/,
    );
  });

  it('loads a file from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-filing-'));
    try {
      const path = join(dir, 'aapl-10k.txt');
      writeFileSync(path, '# AAPL | 10-K 2015 | 2015-10-28T16:30:00-04:00\nRisk factors include competition.\n');
      expect(loadFiling(path).map((p) => p.text)).toEqual(['Risk factors include competition.']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
