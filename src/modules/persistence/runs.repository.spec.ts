import { DataSource } from 'typeorm';
import { describeEachDatabase } from '../../../test/support/databases';
import { NewRun, RunCompletion } from './run-record';
import { RunsRepository } from './runs.repository';
import { EQUITY_PIECE_BYTES } from './run-series.codec';
import { encodeRunSeriesAtOnce } from './run-series.store';
import { seededRandom } from '../../core/studies/mulberry32';
import { RunIdTakenError } from './run-id-taken.error';
import { sampleResult } from './testing/sample-result.fixture';

function newRun(id: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id,
    strategy: 'sma-cross',
    symbol: 'AAPL',
    profile: 'sane',
    mode: 'analytic',
    fromDate: '2020-01-01',
    toDate: '2020-12-31',
    config: { fast: 10, slow: 20, nested: { stop: 0.05 } },
    ...overrides,
  };
}

const completion: RunCompletion = {
  manifest: { engineVersion: '0.1.0', seed: 7 },
  metrics: { sharpe: 1.2345678901234567, mdd: -0.1 },
  timings: { engine: 12.5, total: 20 },
  resultHash: 'a'.repeat(64),
  artifactsDir: '/tmp/backtests/run-1',
};

describeEachDatabase('RunsRepository', (db) => {
  let ds: DataSource;
  let runs: RunsRepository;
  let tick: number;

  const childCounts = async (id: string) => {
    const series = await ds.query(`SELECT "bars" FROM "run_series" WHERE "run_id" = ${db.mark(1)}`, [id]);
    return { trades: (await runs.getTrades(id)).length, orders: (await runs.getOrders(id)).length, equity: series.length === 0 ? 0 : Number(series[0].bars) };
  };

  beforeEach(async () => {
    ds = await db.open();
    tick = 0;
    runs = new RunsRepository(ds, () => new Date(Date.UTC(2026, 10, 23, 1, 2, 3) + 1000 * tick++));
  });

  it('takes a run from queued to running to done and returns what was stored', async () => {
    const result = sampleResult(40, 3);
    const created = await runs.createRun(newRun('run-1'));
    expect(created).toMatchObject({ status: 'queued', kind: 'backtest', progress: 0, createdAt: '2026-11-23T01:02:03.000Z' });

    expect(await runs.markRunning('run-1')).toBe(true);
    await runs.updateProgress('run-1', 0.5);
    expect(await runs.getRun('run-1')).toMatchObject({ status: 'running', progress: 0.5, startedAt: '2026-11-23T01:02:04.000Z' });

    expect(await runs.completeRun('run-1', completion, result)).toBe(true);
    expect(await runs.getRun('run-1')).toEqual({
      ...newRun('run-1'),
      kind: 'backtest',
      status: 'done',
      manifest: completion.manifest,
      metrics: completion.metrics,
      timings: completion.timings,
      resultHash: completion.resultHash,
      error: null,
      progress: 1,
      createdAt: '2026-11-23T01:02:03.000Z',
      startedAt: '2026-11-23T01:02:04.000Z',
      finishedAt: '2026-11-23T01:02:05.000Z',
      artifactsDir: completion.artifactsDir,
      owner: null,
      heartbeatAt: null,
      queueSeq: null,
      request: null,
    });
    expect(await runs.getTrades('run-1')).toEqual(result.trades);
    expect(await runs.getOrders('run-1')).toEqual(result.orders);
    const equity = await runs.getEquity('run-1');
    expect(equity).toHaveLength(40);
    expect(equity[7]).toEqual({
      barIndex: result.startBar + 7,
      date: '2020-01-08',
      equity: result.equity[7],
      cash: result.cash[7],
      position: result.position[7],
      close: result.close[7],
    });
    expect(equity.map((e) => e.equity)).toEqual(Array.from(result.equity));
    const decisions = await runs.getDecisions('run-1');
    expect(decisions).toHaveLength(result.trace.length);
    expect(decisions[3]).toEqual({ barIndex: result.trace[3].bar, date: '2020-01-02', agent: 'decision', output: result.trace[3].output });
    const oneDay = await runs.getDecisions('run-1', { date: '2020-01-08', agent: 'forecast' });
    expect(oneDay).toEqual([{ barIndex: result.startBar + 7, date: '2020-01-08', agent: 'forecast', output: result.trace[14].output }]);
  });

  it('stores every double exactly, including ones SQLite would round differently from text', async () => {
    await runs.createRun(newRun('run-exact'));
    const result = sampleResult(30, 1);
    // 45648.9964320002 written as text comes back from SQLite as 45648.996432000204.
    result.equity[3] = 45648.9964320002;
    result.cash[4] = 0.1 + 0.2;
    await runs.completeRun('run-exact', completion, result);
    const equity = await runs.getEquity('run-exact');
    expect(equity[3].equity).toBe(45648.9964320002);
    expect(equity[4].cash).toBe(0.1 + 0.2);
    expect(equity.map((e) => e.equity)).toEqual(Array.from(result.equity));
  });

  it('stores trade and order rows exactly as given: doubles to the last bit, text with quotes, backslashes, braces, commas and the word NULL', async () => {
    await runs.createRun(newRun('run-rows'));
    const result = sampleResult(30, 1);
    const texts = ['NULL', 'a "quoted", {braced} \\ back\\slashed tag', '', ' x ', 'ünïcödé ✓'];
    result.orders = result.orders.map((o, i) => ({ ...o, tag: texts[i % texts.length], note: texts[(i + 1) % texts.length], price: [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -1e-300][i % 4] }));
    await runs.completeRun('run-rows', completion, result);
    const orders = await runs.getOrders('run-rows');
    expect(orders.map((o) => [o.tag, o.note, o.price])).toEqual(result.orders.map((o) => [o.tag, o.note, o.price]));
    expect(await runs.getTrades('run-rows')).toEqual(result.trades);
  });

  it('keeps NaN order prices as NaN through storage', async () => {
    await runs.createRun(newRun('run-nan'));
    await runs.completeRun('run-nan', completion, sampleResult(30, 1));
    const [first] = await runs.getOrders('run-nan');
    expect(first.limit).toBeNaN();
    expect(first.stop).toBeNaN();
  });

  it('clamps progress to 0..1 and ignores progress of a run that is not running', async () => {
    await runs.createRun(newRun('run-p'));
    await runs.updateProgress('run-p', 0.3);
    expect((await runs.getRun('run-p'))?.progress).toBe(0);
    await runs.markRunning('run-p');
    await runs.updateProgress('run-p', 1.7);
    expect((await runs.getRun('run-p'))?.progress).toBe(1);
    await runs.updateProgress('run-p', -2);
    expect((await runs.getRun('run-p'))?.progress).toBe(0);
  });

  it('does not start or complete a cancelled run', async () => {
    await runs.createRun(newRun('run-c'));
    expect(await runs.cancelRun('run-c')).toBe(true);
    expect(await runs.markRunning('run-c')).toBe(false);
    expect(await runs.completeRun('run-c', completion, sampleResult())).toBe(false);
    expect(await runs.getRun('run-c')).toMatchObject({ status: 'cancelled', resultHash: null });
    expect(await childCounts('run-c')).toEqual({ trades: 0, orders: 0, equity: 0 });
  });

  it('starts making the completion before storing the results, and marks the run done once it is made', async () => {
    const result = sampleResult(40, 3);
    await runs.createRun(newRun('run-w'));
    await runs.markRunning('run-w');
    let started = false;
    const storing = runs.completeRunWhile('run-w', result, async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return completion;
    });
    expect(started).toBe(true);
    expect(await storing).toBe(true);
    expect(await runs.getRun('run-w')).toMatchObject({ status: 'done', resultHash: completion.resultHash, artifactsDir: completion.artifactsDir });
    expect(await childCounts('run-w')).toEqual({ trades: result.trades.length, orders: result.orders.length, equity: 40 });
    expect(await runs.getTrades('run-w')).toEqual(result.trades);
  });

  it('stores nothing when the completion cannot be made, and waits for it to settle', async () => {
    await runs.createRun(newRun('run-e'));
    await runs.markRunning('run-e');
    let settled = false;
    await expect(
      runs.completeRunWhile('run-e', sampleResult(), async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        settled = true;
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(settled).toBe(true);
    expect(await runs.getRun('run-e')).toMatchObject({ status: 'running', resultHash: null });
    expect(await childCounts('run-e')).toEqual({ trades: 0, orders: 0, equity: 0 });
  });

  it('rolls the results back when the run was cancelled while they were stored', async () => {
    await runs.createRun(newRun('run-k'));
    await runs.markRunning('run-k');
    await runs.cancelRun('run-k');
    expect(await runs.completeRunWhile('run-k', sampleResult(), async () => completion)).toBe(false);
    expect(await runs.getRun('run-k')).toMatchObject({ status: 'cancelled', resultHash: null });
    expect(await childCounts('run-k')).toEqual({ trades: 0, orders: 0, equity: 0 });
  });

  it('starts a batch of runs together and stores their results together, leaving a run cancelled meanwhile as it is', async () => {
    const started = await runs.startRuns([newRun('run-b1'), newRun('run-b2', { symbol: 'SPX' })]);
    expect(started.map((r) => [r.id, r.status, r.symbol])).toEqual([['run-b1', 'running', 'AAPL'], ['run-b2', 'running', 'SPX']]);
    expect(await runs.cancelRun('run-b2', 'cancelled elsewhere')).toBe(true);
    const result = sampleResult(30, 2);
    const stored = await runs.completeRuns([
      { id: 'run-b1', completion, series: encodeRunSeriesAtOnce('run-b1', result), fresh: true },
      { id: 'run-b2', completion, series: encodeRunSeriesAtOnce('run-b2', result), fresh: true },
    ]);
    expect(stored).toEqual([true, false]);
    expect((await runs.getRuns(['run-b2', 'run-b1', 'missing'])).map((r) => [r.id, r.status, r.resultHash])).toEqual([
      ['run-b2', 'cancelled', null],
      ['run-b1', 'done', completion.resultHash],
    ]);
    expect(await childCounts('run-b1')).toEqual({ trades: result.trades.length, orders: result.orders.length, equity: 30 });
    expect(await childCounts('run-b2')).toEqual({ trades: 0, orders: 0, equity: 0 });
  });

  it('gives each run of a batch stored together its own trades, orders and equity back, in order', async () => {
    const results = [sampleResult(40, 3), sampleResult(25, 1), sampleResult(60, 5)];
    results[1].equity[3] = 123.456;
    const ids = ['run-m1', 'run-m2', 'run-m3'];
    await runs.startRuns(ids.map((id) => newRun(id)));
    expect(await runs.completeRuns(ids.map((id, k) => ({ id, completion, series: encodeRunSeriesAtOnce(id, results[k]), fresh: true })))).toEqual([true, true, true]);
    for (const [k, id] of ids.entries()) {
      expect(await runs.getTrades(id)).toEqual(results[k].trades);
      expect((await runs.getOrders(id)).map((o) => o.id)).toEqual(results[k].orders.map((o) => o.id));
      expect((await runs.getEquity(id)).map((p) => p.equity)).toEqual(Array.from(results[k].equity));
    }
  });

  it('stores none of a batch whose ids include one already taken', async () => {
    await runs.createRun(newRun('run-t'));
    await expect(runs.startRuns([newRun('run-u'), newRun('run-t')])).rejects.toThrow();
    expect(await runs.getRun('run-u')).toBeNull();
  });

  it('fails a run with its reason and leaves no trades, orders or equity behind', async () => {
    await runs.createRun(newRun('run-f'));
    await runs.markRunning('run-f');
    await runs.completeRun('run-f', completion, sampleResult(50, 4));
    expect(await childCounts('run-f')).toEqual({ trades: 4, orders: 8, equity: 50 });

    expect(await runs.failRun('run-f', 'artifacts could not be written')).toBe(true);
    expect(await runs.getRun('run-f')).toMatchObject({ status: 'failed', error: 'artifacts could not be written', metrics: null, resultHash: null });
    expect(await childCounts('run-f')).toEqual({ trades: 0, orders: 0, equity: 0 });
  });

  it('stores nothing of a completion that fails part-way and keeps the run running', async () => {
    const result = sampleResult(1500, 5);
    result.time[1200] = NaN; // the equity cannot be dated, so the series cannot be encoded
    await runs.createRun(newRun('run-x'));
    await runs.markRunning('run-x');

    await expect(runs.completeRun('run-x', completion, result)).rejects.toThrow(RangeError);

    expect(await runs.getRun('run-x')).toMatchObject({ status: 'running', resultHash: null, metrics: null, finishedAt: null });
    expect(await childCounts('run-x')).toEqual({ trades: 0, orders: 0, equity: 0 });
  });

  it('keeps concurrent completions on one database apart when one of them fails', async () => {
    const good = sampleResult(1500, 5);
    const bad = sampleResult(1500, 5);
    bad.time[1200] = NaN;
    for (const id of ['run-good', 'run-bad']) {
      await runs.createRun(newRun(id));
      await runs.markRunning(id);
    }

    const other = new RunsRepository(ds);

    const outcomes = await Promise.allSettled([
      runs.completeRun('run-bad', completion, bad),
      other.completeRun('run-good', completion, good),
      other.updateProgress('run-bad', 0.9),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await childCounts('run-good')).toEqual({ trades: 5, orders: 10, equity: 1500 });
    expect(await childCounts('run-bad')).toEqual({ trades: 0, orders: 0, equity: 0 });
    expect(await runs.getRun('run-bad')).toMatchObject({ status: 'running', progress: 0.9 });
    expect((await runs.getRun('run-good'))?.status).toBe('done');
  });

  it('deletes a run together with its trades, orders and equity', async () => {
    await runs.createRun(newRun('run-d'));
    await runs.createRun(newRun('run-keep'));
    await runs.completeRun('run-d', completion, sampleResult(30, 2));
    await runs.completeRun('run-keep', completion, sampleResult(30, 2));

    expect(await runs.deleteRun('run-d')).toBe(true);

    expect(await runs.getRun('run-d')).toBeNull();
    expect(await childCounts('run-d')).toEqual({ trades: 0, orders: 0, equity: 0 });
    expect(await childCounts('run-keep')).toEqual({ trades: 2, orders: 4, equity: 30 });
    expect(await runs.deleteRun('run-d')).toBe(false);
  });

  it('lists runs newest first, filtered by status, strategy and symbol', async () => {
    await runs.createRun(newRun('a', { strategy: 'sma-cross', symbol: 'AAPL' }));
    await runs.createRun(newRun('b', { strategy: 'tradinggroup', symbol: 'AAPL' }));
    await runs.createRun(newRun('c', { strategy: 'sma-cross', symbol: 'MSFT' }));
    await runs.createRun(newRun('d', { strategy: 'sma-cross', symbol: 'AAPL' }));
    await runs.markRunning('d');
    const ids = async (filter: Parameters<RunsRepository['listRuns']>[0]) => (await runs.listRuns(filter)).map((r) => r.id);

    expect(await ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids({ strategy: 'sma-cross' })).toEqual(['d', 'c', 'a']);
    expect(await ids({ symbol: 'AAPL', strategy: 'sma-cross' })).toEqual(['d', 'a']);
    expect(await ids({ status: 'queued', symbol: 'AAPL' })).toEqual(['b', 'a']);
    expect(await ids({ limit: 2 })).toEqual(['d', 'c']);
    await expect(runs.listRuns({ limit: 0 })).rejects.toThrow(RangeError);
  });

  it('returns null for an unknown run and refuses a duplicate id', async () => {
    expect(await runs.getRun('nope')).toBeNull();
    await runs.createRun(newRun('dup'));
    await expect(runs.createRun(newRun('dup'))).rejects.toThrow(RunIdTakenError);
  });

  it("stores a long run's equity block in pieces of at most a megabyte, gives every point back, and deletes them with the run", async () => {
    // Values that hardly compress: 70,000 bars are a block of about 1.5 MB.
    const result = sampleResult(70_000, 10);
    const u = seededRandom(5);
    for (let i = 0; i < 70_000; i++) [result.equity[i], result.cash[i], result.position[i], result.close[i]] = [u() * 1e6, u() * 1e5, Math.floor(u() * 1e3), u() * 500];
    const pieces = async (id: string) => {
      const [row] = await ds.query(`SELECT "equity", "equity_pieces" FROM "run_series" WHERE "run_id" = ${db.mark(1)}`, [id]);
      const stored = (await ds.query(`SELECT "data" FROM "run_equity_pieces" WHERE "run_id" = ${db.mark(1)} ORDER BY "piece"`, [id])) as Array<{ data: Buffer }>;
      return { inRow: row.equity.length, count: Number(row.equity_pieces), sizes: stored.map((p) => p.data.length) };
    };
    // Made in pieces as it is compressed (a completion), and made whole at once (a run thread's),
    // then cut; the latter as a thread hands it over, its block a plain Uint8Array, not a Buffer.
    for (const id of ['long-a', 'long-b']) await runs.createRun(newRun(id));
    await runs.completeRun('long-a', completion, result);
    const posted = encodeRunSeriesAtOnce('long-b', result);
    const asPosted = { ...posted, equity: posted.equity.map((b) => new Uint8Array(b) as Buffer) };
    expect(await runs.completeRuns([{ id: 'long-b', completion, series: asPosted, fresh: true }])).toEqual([true]);
    for (const id of ['long-a', 'long-b']) {
      const { inRow, count, sizes } = await pieces(id);
      expect([inRow, count, sizes.length]).toEqual([0, sizes.length, count]);
      expect(count).toBeGreaterThanOrEqual(2);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(EQUITY_PIECE_BYTES);
      const equity = await runs.getEquity(id);
      let differing = 0;
      equity.forEach((p, i) => {
        if (!Object.is(p.equity, result.equity[i]) || !Object.is(p.cash, result.cash[i]) || !Object.is(p.position, result.position[i]) || !Object.is(p.close, result.close[i])) differing++;
      });
      expect([equity.length, differing]).toEqual([70_000, 0]);
    }
    // A short run's block stays in its series row.
    await runs.createRun(newRun('short'));
    await runs.completeRun('short', completion, sampleResult(300, 2));
    const short = await pieces('short');
    expect([short.inRow > 0, short.count, short.sizes]).toEqual([true, 0, []]);
    // A block with a piece missing is an error naming the run, not a shorter series.
    await ds.query(`DELETE FROM "run_equity_pieces" WHERE "run_id" = ${db.mark(1)} AND "piece" = 1`, ['long-b']);
    await expect(runs.getEquity('long-b')).rejects.toThrow(/run long-b: its equity block has \d+ of its \d+ pieces stored/);
    expect(await runs.deleteRun('long-a')).toBe(true);
    expect((await pieces('long-b')).sizes.length).toBeGreaterThan(0);
    expect(await ds.query(`SELECT "piece" FROM "run_equity_pieces" WHERE "run_id" = ${db.mark(1)}`, ['long-a'])).toEqual([]);
  });

  it('stores a 5,000-bar run with every trade, order and equity point', async () => {
    const result = sampleResult(5000, 200);
    await runs.createRun(newRun('big'));
    await runs.markRunning('big');
    await runs.completeRun('big', completion, result);
    expect(await childCounts('big')).toEqual({ trades: 200, orders: 400, equity: 5000 });
  });
});
