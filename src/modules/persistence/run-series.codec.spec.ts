import { DecisionTraceEntry } from '../../core/engine/backtest-result';
import { DAY_MS } from '../../core/market/dates';
import { seededRandom } from '../../core/studies/mulberry32';
import { decodeEquity, decodeTraceBlock, encodeEquity, encodeEquityInBackground, encodeTrace, EQUITY_PIECE_BYTES, EquityBlockEncoder, equityRows, TRACE_BLOCK_BARS } from './run-series.codec';
import { sampleResult } from './testing/sample-result.fixture';

describe('run series codec', () => {
  it('gives back every double of the equity columns bit for bit, negative zero and NaN included', () => {
    const result = sampleResult(3_000, 20);
    result.equity[3] = 45648.9964320002;
    result.cash[4] = 0.1 + 0.2;
    result.position[5] = -0;
    result.close[6] = NaN;
    const back = decodeEquity(encodeEquity(result));
    for (const column of ['time', 'equity', 'cash', 'position', 'close'] as const) {
      for (let i = 0; i < result.equity.length; i++) expect(Object.is(back[column][i], result[column][i])).toBe(true);
    }
  });

  it('gives back the same columns from a block compressed as it is shuffled, a megabyte at a time, for runs of every size', async () => {
    // 70,000 bars are five blocks of rows (the last one short) in three pieces (the last one short).
    for (const bars of [0, 1, 7, 16_384, 70_000]) {
      const result = sampleResult(bars, 0);
      if (bars > 5) result.position[5] = -0;
      const back = decodeEquity(Buffer.concat(await encodeEquityInBackground(result)));
      const once = decodeEquity(encodeEquity(result));
      for (const column of ['time', 'equity', 'cash', 'position', 'close'] as const) {
        expect([back[column].length, once[column].length]).toEqual([bars, bars]);
        let differing = 0;
        for (let i = 0; i < bars; i++) if (!Object.is(back[column][i], result[column][i]) || !Object.is(once[column][i], result[column][i])) differing++;
        expect(differing).toBe(0);
      }
    }
    const undated = sampleResult(10, 0);
    undated.time[4] = NaN;
    await expect(encodeEquityInBackground(undated)).rejects.toThrow(RangeError);
  });

  it('gives back the same columns from a block made a part of the rows at a time, and refuses parts that do not start a block of rows', async () => {
    const result = sampleResult(70_000, 0);
    result.position[5] = -0;
    const part = (from: number, to: number) => ({
      time: result.time.slice(from, to), equity: result.equity.slice(from, to), cash: result.cash.slice(from, to), position: result.position.slice(from, to), close: result.close.slice(from, to),
    });
    const encoder = new EquityBlockEncoder(70_000);
    for (const [from, to] of [[0, 32_768], [32_768, 49_152], [49_152, 70_000]]) await encoder.add(part(from, to));
    const back = decodeEquity(Buffer.concat(await encoder.finish()));
    for (const column of ['time', 'equity', 'cash', 'position', 'close'] as const) {
      let differing = 0;
      for (let i = 0; i < 70_000; i++) if (!Object.is(back[column][i], result[column][i])) differing++;
      expect([back[column].length, differing]).toEqual([70_000, 0]);
    }
    const misaligned = new EquityBlockEncoder(70_000);
    await misaligned.add(part(0, 100));
    await expect(misaligned.add(part(100, 200))).rejects.toThrow(/do not start a block of rows/);
    const short = new EquityBlockEncoder(70_000);
    await short.add(part(0, 16_384));
    await expect(short.finish()).rejects.toThrow(/16384 of 70000 rows added/);
    // A part's undated point is named by its index in the run.
    const undated = part(16_384, 16_394);
    undated.time[4] = NaN;
    await expect(short.add(undated)).rejects.toThrow('equity point 16388 has no date');
  });

  it('makes a long block in pieces of at most a megabyte, never one copy of it whole', async () => {
    // Values that hardly compress: 150,000 bars are a block of about 3 MB.
    const result = sampleResult(150_000, 0);
    const u = seededRandom(3);
    for (let i = 0; i < 150_000; i++) [result.equity[i], result.cash[i], result.close[i]] = [u() * 1e6, u() * 1e5, u() * 500];
    const pieces = await encodeEquityInBackground(result);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.every((p) => p.length > 0 && p.length <= EQUITY_PIECE_BYTES)).toBe(true);
    // Every piece but the last is a megabyte buffer the compression wrote into, taken as it is.
    expect(pieces.slice(0, -1).every((p) => p.length === EQUITY_PIECE_BYTES && p.byteOffset === 0 && p.buffer.byteLength === EQUITY_PIECE_BYTES)).toBe(true);
    const back = decodeEquity(Buffer.concat(pieces));
    let differing = 0;
    for (let i = 0; i < 150_000; i++) if (!Object.is(back.equity[i], result.equity[i]) || !Object.is(back.cash[i], result.cash[i]) || !Object.is(back.close[i], result.close[i])) differing++;
    expect([back.equity.length, differing]).toEqual([150_000, 0]);
    // A short run's block is one piece.
    expect(await encodeEquityInBackground(sampleResult(1_259, 5))).toHaveLength(1);
  });

  it('reads a block of the first format, its columns shuffled over all rows', () => {
    // Written by the first format's encoder: three bars with −0, NaN, 1e-300 and Infinity among them.
    const block = Buffer.from(
      'Cz4AAICqqqrqnxTsYpeb6cFOB9G7HS52uOrBDnq4qAGoXS6qBwOzg13uBgZgAHa1k16uBmAXccrtbR2YwzDB8GB4NoALcDimIVsjUMpj/UDOi1LIhjW64A77ygN08JvS4j2eCbhfaq2qqB70bQifc05klmiQUyQO',
      'base64',
    );
    const back = decodeEquity(block);
    expect([...back.time]).toEqual([1577923200, 1578009600, 1578268800]);
    expect([...back.equity]).toEqual([100000, 100012.5, -0]);
    expect(Object.is(back.equity[2], -0)).toBe(true);
    expect([...back.cash]).toEqual([100000, NaN, 1e-300]);
    expect([...back.position]).toEqual([0, 10, -3]);
    expect([...back.close]).toEqual([300.35, 301.1, Infinity]);
  });

  it('stores a run of a thousand bars in far fewer bytes than rows would take', () => {
    const result = sampleResult(1_259, 30);
    expect(encodeEquity(result).length).toBeLessThan(1_259 * 40);
  });

  it('refuses an equity point without a date', () => {
    const result = sampleResult(10, 0);
    result.time[4] = NaN;
    expect(() => encodeEquity(result)).toThrow(RangeError);
  });

  it('reads the points back with their bar index and day', () => {
    const result = sampleResult(5, 0);
    expect(equityRows(decodeEquity(encodeEquity(result)), 7)[2]).toEqual({
      barIndex: 9, date: '2020-01-03', equity: result.equity[2], cash: result.cash[2], position: result.position[2], close: result.close[2],
    });
  });

  it('splits a trace into blocks of consecutive bars that give back every entry in order, by day and agent', () => {
    const start = Date.UTC(2020, 0, 1);
    const trace: DecisionTraceEntry[] = [];
    for (let bar = 10; bar < 210; bar++) {
      for (const agent of bar % 3 === 0 ? ['forecast', 'decision'] : ['decision']) {
        trace.push({ bar, time: start + bar * DAY_MS, agent, output: { bar, agent, text: 'a "quoted" </script> value', score: bar / 7 } });
      }
    }
    const blocks = encodeTrace(trace);
    expect(blocks.map((b) => b.block)).toEqual([0, 1, 2, 3]);
    expect(blocks.reduce((n, b) => n + b.entries, 0)).toBe(trace.length);
    expect(blocks[0]).toMatchObject({ firstDate: '2020-01-11', lastDate: '2020-03-04', agents: 'decision,forecast' });
    const all = blocks.flatMap((b) => decodeTraceBlock(b.data));
    expect(all).toEqual(trace.map((e) => ({ barIndex: e.bar, date: new Date(e.time).toISOString().slice(0, 10), agent: e.agent, output: e.output })));
    const day = blocks.flatMap((b) => decodeTraceBlock(b.data, { date: '2020-03-04', agent: 'forecast' }));
    expect(day).toEqual([{ barIndex: 63, date: '2020-03-04', agent: 'forecast', output: trace.find((e) => e.bar === 63 && e.agent === 'forecast')!.output }]);
    expect(Math.floor(63 / TRACE_BLOCK_BARS)).toBe(0);
  });
});
