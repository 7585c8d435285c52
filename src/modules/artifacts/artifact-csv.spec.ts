import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleResult } from '../persistence/testing/sample-result.fixture';
import { ChunkedContent, wholeContent, writeContent, writeContentSync } from './artifact-content';
import { equityCsv } from './artifact-csv';
import { csvDate, csvNumber } from './csv';

/** equity.csv as a string per row, each number and date from csvNumber and csvDate. */
function plainEquityCsv(result: ReturnType<typeof sampleResult>): string {
  let text = 'date,equity,cash,position,close,interest\n';
  for (let i = 0; i < result.equity.length; i++) {
    const fields = [result.time[i], result.equity[i], result.cash[i], result.position[i], result.close[i], result.interest ? result.interest[i] : 0];
    text += `${csvDate(fields[0])},${fields.slice(1).map(csvNumber).join(',')}\n`;
  }
  return text;
}

describe('equityCsv', () => {
  it('writes what a string per row of csvNumber and csvDate fields gives, over several blocks', () => {
    const result = sampleResult(30_000, 40);
    result.interest = Float64Array.from(result.cash, (c, i) => (i % 3 === 0 ? 0 : c * 1e-7));
    Object.assign(result.equity, { 5: NaN, 6: -0, 7: 1e21, 8: -1e-7, 9: 123.4500001, 10: Infinity });
    result.time[11] = NaN;
    result.time[12] = -86_400_000;
    const blocks: Buffer[] = [];
    for (const chunk of equityCsv(result).chunks()) blocks.push(Buffer.from(chunk));
    expect(blocks.length).toBeGreaterThan(1);
    expect(Buffer.concat(blocks).toString('latin1')).toBe(plainEquityCsv(result));
  });

  it('writes the header alone for a run without bars', () => {
    expect(Buffer.from(wholeContent(equityCsv(sampleResult(0, 0)))).toString('latin1')).toBe('date,equity,cash,position,close,interest\n');
  });
});

describe('artifact content', () => {
  /** Three blocks from one buffer refilled each time, as equity.csv hands them over. */
  const refilled: ChunkedContent = {
    *chunks() {
      const block = Buffer.alloc(4);
      for (const text of ['abcd', 'efgh', 'ij']) {
        block.write(text, 'latin1');
        yield block.subarray(0, text.length);
      }
    },
  };

  it('keeps every block of a refilled buffer when made whole', () => {
    expect(Buffer.from(wholeContent(refilled)).toString('latin1')).toBe('abcdefghij');
    expect(wholeContent('text')).toBe('text');
  });

  it('writes text, bytes and blocks to a file, synchronously or not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-content-'));
    try {
      const contents = ['héllo', new Uint8Array([104, 105]), refilled] as const;
      const expected = ['héllo', 'hi', 'abcdefghij'];
      for (let k = 0; k < contents.length; k++) {
        const sync = join(dir, `sync-${k}`);
        const fd = openSync(sync, 'wx');
        writeContentSync(fd, contents[k]);
        closeSync(fd);
        const async = join(dir, `async-${k}`);
        const handle = await open(async, 'wx');
        await writeContent(handle, contents[k]);
        await handle.close();
        expect([readFileSync(sync, 'utf8'), readFileSync(async, 'utf8')]).toEqual([expected[k], expected[k]]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
