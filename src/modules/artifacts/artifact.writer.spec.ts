import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleResult } from '../persistence/testing/sample-result.fixture';
import { writeArtifactsToTempDir } from './artifact-temp-dir';
import { ArtifactWriter } from './artifact.writer';

describe('ArtifactWriter', () => {
  const writer = new ArtifactWriter();
  let root: string;
  let backtests: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tg-artifacts-'));
    backtests = join(root, 'backtests');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const read = (runId: string, file: string) => readFileSync(join(backtests, runId, file), 'utf8');
  const csvRows = (text: string) => text.trimEnd().split('\n');

  it('writes the manifest, metrics, equity, trades and orders of a run', async () => {
    const result = sampleResult(25, 2);
    const manifest = { seed: 7, engine: { version: '0.1.0' }, data: { hash: 'abc' } };
    const metrics = { sharpe: 0.1 + 0.2, mdd: -1 / 3 };

    const dir = await writer.write(backtests, 'run-1', { manifest, metrics, result, files: { 'report.html': '<html></html>' } });

    expect(dir).toBe(join(backtests, 'run-1'));
    expect(readdirSync(dir).sort()).toEqual(['equity.csv', 'manifest.json', 'metrics.json', 'orders.csv', 'report.html', 'trades.csv']);
    expect(read('run-1', 'manifest.json')).toBe(
      '{\n  "data": {\n    "hash": "abc"\n  },\n  "engine": {\n    "version": "0.1.0"\n  },\n  "seed": 7\n}\n',
    );
    expect(JSON.parse(read('run-1', 'metrics.json'))).toEqual({ mdd: -1 / 3, sharpe: 0.30000000000000004 });
    expect(await writer.readManifest(backtests, 'run-1')).toEqual(manifest);

    const equity = csvRows(read('run-1', 'equity.csv'));
    expect(equity[0]).toBe('date,equity,cash,position,close,interest');
    expect(equity).toHaveLength(26);
    const [date, eq, cash, position, close] = equity[4].split(',');
    expect(date).toBe('2020-01-04');
    expect([Number(eq), Number(cash), Number(position), Number(close)]).toEqual([result.equity[3], result.cash[3], result.position[3], result.close[3]]);

    const trades = csvRows(read('run-1', 'trades.csv'));
    expect(trades[0]).toBe('entry_date,exit_date,direction,qty,entry_price,exit_price,pnl,return_pct,commission,exit_reason,bars_held');
    expect(trades[1].split(',')).toEqual([
      '2020-01-11', '2020-01-15', 'long', '10', String(result.trades[0].entryPrice), String(result.trades[0].exitPrice),
      String(result.trades[0].pnl), String(result.trades[0].returnPct), String(result.trades[0].commission), 'take-profit', '4',
    ]);

    const orders = csvRows(read('run-1', 'orders.csv'));
    expect(orders).toHaveLength(5);
    expect(orders[1]).toBe(
      `0,9,2020-01-10,buy,market,10,,,signal,"sma10 crossed ""buy"", fast",filled,10,2020-01-11,10,${result.orders[0].price},${1 / 3},`,
    );
  });

  it('writes nothing when the artifacts cannot be rendered', async () => {
    const metrics = { sharpe: 1, toJSON: () => { throw new Error('metrics cannot be serialised'); } };

    await expect(writer.write(backtests, 'run-2', { manifest: { seed: 1 }, metrics, result: sampleResult() })).rejects.toThrow(
      'metrics cannot be serialised',
    );

    expect(existsSync(backtests)).toBe(false);
  });

  it('places a directory of files written beside it as the run directory, and refuses one from elsewhere', async () => {
    const temp = writeArtifactsToTempDir(backtests, 'run-9', { 'manifest.json': '{}\n', 'report.html': '<html></html>' });
    expect(readdirSync(backtests)).toEqual([expect.stringMatching(/^\.run-9\.tmp-/)]);
    expect(await writer.place(backtests, 'run-9', temp)).toBe(join(backtests, 'run-9'));
    expect(readdirSync(backtests)).toEqual(['run-9']);
    expect(read('run-9', 'report.html')).toBe('<html></html>');

    const again = writeArtifactsToTempDir(backtests, 'run-9', { 'manifest.json': '{}\n' });
    await expect(writer.place(backtests, 'run-9', again)).rejects.toThrow(/already exist/);
    const other = writeArtifactsToTempDir(backtests, 'run-8', { 'manifest.json': '{}\n' });
    await expect(writer.place(backtests, 'run-9', other)).rejects.toThrow(/not a temporary artifact directory of run run-9/);
    expect(readdirSync(backtests)).toEqual(['run-9']);
  });

  it('leaves neither the run directory nor a temporary one when writing fails part-way', async () => {
    const files = { 'first.txt': 'written', 'second.txt': 42 as unknown as string };

    await expect(writer.writeFiles(backtests, 'run-2', files)).rejects.toThrow(/data/);

    expect(readdirSync(backtests)).toEqual([]);
  });

  it('writes a file made off this thread while it writes the others, and leaves nothing when that file fails', async () => {
    const order: string[] = [];
    const elsewhere = (fail: boolean) => ({
      chunks: () => [Buffer.from('never made here')],
      writeTo: async (fd: number) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (fail) throw new Error('thread failed');
        writeFileSync(fd, 'made elsewhere');
        order.push('elsewhere');
      },
    });
    const later = { chunks: () => (order.push('later'), [Buffer.from('after it')]) };

    const dir = await writer.writeFiles(backtests, 'run-t', { 'a.csv': elsewhere(false), 'b.txt': later });
    expect([read('run-t', 'a.csv'), read('run-t', 'b.txt')]).toEqual(['made elsewhere', 'after it']);
    expect(order).toEqual(['later', 'elsewhere']);
    expect(dir).toBe(join(backtests, 'run-t'));

    await expect(writer.writeFiles(backtests, 'run-u', { 'a.csv': elsewhere(true), 'b.txt': later })).rejects.toThrow('thread failed');
    expect(readdirSync(backtests)).toEqual(['run-t']);
  });

  it('starts a file made off this thread before the others are made, and completes the run directory with them', async () => {
    let started = false;
    let finish: () => void = () => undefined;
    const elsewhere = {
      chunks: () => [Buffer.from('never made here')],
      writeTo: (fd: number) => {
        started = true;
        return new Promise<void>((resolve) => (finish = () => (writeFileSync(fd, 'made elsewhere'), resolve())));
      },
    };
    const draft = await writer.begin(backtests, 'run-d');
    await draft.write('equity.csv', elsewhere);
    // Its thread has the file by now: this thread may compute the other files meanwhile.
    expect(started).toBe(true);
    const placing = writer.complete(draft, { 'report.html': '<html></html>' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(join(backtests, 'run-d'))).toBe(false);
    finish();
    expect(await placing).toBe(join(backtests, 'run-d'));
    expect(readdirSync(join(backtests, 'run-d')).sort()).toEqual(['equity.csv', 'report.html']);
    expect(read('run-d', 'equity.csv')).toBe('made elsewhere');

    await expect(writer.begin(backtests, 'run-d')).rejects.toThrow(/already exist/);
  });

  it('leaves nothing of a discarded run directory once its file written elsewhere has settled', async () => {
    let settled = false;
    const draft = await writer.begin(backtests, 'run-x');
    await draft.write('equity.csv', {
      chunks: () => [],
      writeTo: () => new Promise<void>((_resolve, reject) => setTimeout(() => ((settled = true), reject(new Error('thread failed'))), 20)),
    });
    await draft.write('a.txt', 'written');
    await draft.discard();
    expect(settled).toBe(true);
    expect(readdirSync(backtests)).toEqual([]);
  });

  it('fails without leaving anything when the backtests path cannot be a directory', async () => {
    writeFileSync(join(root, 'not-a-dir'), 'x');
    const blocked = join(root, 'not-a-dir', 'backtests');

    await expect(writer.write(blocked, 'run-3', { manifest: {}, metrics: {}, result: sampleResult() })).rejects.toThrow(/ENOTDIR|EEXIST/);

    expect(readdirSync(root)).toEqual(['not-a-dir']);
  });

  it('refuses to replace existing artifacts of the same run', async () => {
    await writer.write(backtests, 'run-4', { manifest: { n: 1 }, metrics: {}, result: sampleResult() });

    await expect(writer.write(backtests, 'run-4', { manifest: { n: 2 }, metrics: {}, result: sampleResult() })).rejects.toThrow(/already exist/);

    expect(await writer.readManifest(backtests, 'run-4')).toEqual({ n: 1 });
    expect(readdirSync(backtests)).toEqual(['run-4']);
  });

  it('refuses run ids and file names that are not plain names', async () => {
    const artifacts = { manifest: {}, metrics: {}, result: sampleResult() };
    for (const id of ['../escape', 'a/b', '.hidden', '', 'a..b']) {
      await expect(writer.write(backtests, id, artifacts)).rejects.toThrow(/Invalid run id/);
    }
    await expect(writer.write(backtests, 'run-5', { ...artifacts, files: { '../x.html': '' } })).rejects.toThrow(/Invalid artifact file name/);
    await expect(writer.write(backtests, 'run-5', { ...artifacts, files: { 'metrics.json': '{}' } })).rejects.toThrow(/written by the writer/);
    expect(existsSync(backtests)).toBe(false);
  });

  it('removes a run\'s artifacts and temporary directories a crashed write left behind', async () => {
    await writer.write(backtests, 'run-6', { manifest: {}, metrics: {}, result: sampleResult() });
    await writer.write(backtests, 'run-7', { manifest: {}, metrics: {}, result: sampleResult() });
    mkdirSync(join(backtests, '.run-6.tmp-abc123'));

    expect(await writer.removeRunArtifacts(backtests, 'run-6')).toBe(true);

    expect(readdirSync(backtests)).toEqual(['run-7']);
    expect(await writer.readManifest(backtests, 'run-6')).toBeNull();
    expect(await writer.removeRunArtifacts(backtests, 'run-6')).toBe(false);
  });
});
