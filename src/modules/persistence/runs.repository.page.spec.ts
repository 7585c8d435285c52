import { describeEachDatabase } from '../../../test/support/databases';
import { RunPageQuery } from './run-page';
import { NewRun } from './run-record';
import { RunsRepository } from './runs.repository';
import { sampleResult } from './testing/sample-result.fixture';

/** `listRunsPage`: filters, sorting by a stored metric, and keyset pages on a real database. */
describeEachDatabase('RunsRepository.listRunsPage', (db) => {
  let runs: RunsRepository;
  let tick: number;

  const add = async (id: string, sharpe: number | null | 'not done', overrides: Partial<NewRun> = {}) => {
    await runs.createRun({ id, strategy: 'sma-cross', symbol: 'AAPL', profile: 'default', mode: 'analytic', fromDate: '2015-01-01', toDate: '2016-12-31', config: {}, ...overrides });
    if (sharpe === 'not done') return;
    const metrics = { default: { sharpe, totalReturn: 0.1 } };
    await runs.completeRun(id, { manifest: {}, metrics, timings: {}, resultHash: 'a'.repeat(64), artifactsDir: null }, sampleResult(3, 0));
  };

  /** Every page of a query, following `next`. */
  const allPages = async (query: Omit<RunPageQuery, 'after'>) => {
    const pages: string[][] = [];
    let after: RunPageQuery['after'];
    do {
      const page = await runs.listRunsPage({ ...query, after });
      pages.push(page.runs.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after && pages.length < 20);
    return pages;
  };

  beforeEach(async () => {
    const ds = await db.open();
    tick = 0;
    // Two runs share each creation second, so the id has to break ties.
    runs = new RunsRepository(ds, () => new Date(Date.UTC(2026, 0, 1) + 1000 * Math.floor(tick++ / 4)));
    await add('r1', 0.5);
    await add('r2', 1.5, { symbol: 'SPX' });
    await add('r3', null);
    await add('r4', -0.2, { strategy: 'bollinger', fromDate: '2017-01-01', toDate: '2017-06-30' });
    await add('r5', 1.5);
    await add('r6', 'not done');
  });

  it('pages through every run newest first by default, ties broken by id', async () => {
    expect(await allPages({ limit: 2 })).toEqual([['r6', 'r5'], ['r4', 'r3'], ['r2', 'r1']]);
  });

  it('sorts by a stored metric with runs lacking it last, in both orders', async () => {
    expect((await allPages({ limit: 4, sort: 'metrics.default.sharpe' })).flat()).toEqual(['r5', 'r2', 'r1', 'r4', 'r6', 'r3']);
    expect((await allPages({ limit: 4, sort: 'metrics.default.sharpe', order: 'asc' })).flat()).toEqual(['r4', 'r1', 'r2', 'r5', 'r3', 'r6']);
  });

  it('continues exactly after the cursor whatever the page size', async () => {
    for (const limit of [1, 2, 3, 5, 6, 7]) {
      const pages = await allPages({ limit, sort: 'metrics.default.sharpe' });
      expect(pages.flat()).toEqual(['r5', 'r2', 'r1', 'r4', 'r6', 'r3']);
      expect(pages.every((p) => p.length <= limit)).toBe(true);
    }
  });

  it('returns no next position on the last page', async () => {
    const page = await runs.listRunsPage({ limit: 6 });
    expect(page.runs).toHaveLength(6);
    expect(page.next).toBeNull();
    expect((await runs.listRunsPage({ limit: 5 })).next).toEqual({ value: expect.any(String), id: 'r2' });
  });

  it('keeps later pages stable when a run is added between pages', async () => {
    const first = await runs.listRunsPage({ limit: 3 });
    await add('r7', 3);
    const second = await runs.listRunsPage({ limit: 3, after: first.next! });
    expect(second.runs.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
  });

  it('filters by status, strategy, symbol and a day inside the window', async () => {
    const ids = async (q: Partial<RunPageQuery>) => (await runs.listRunsPage({ limit: 50, ...q })).runs.map((r) => r.id);
    expect(await ids({ status: 'queued' })).toEqual(['r6']);
    expect(await ids({ strategy: 'bollinger' })).toEqual(['r4']);
    expect(await ids({ symbol: 'SPX' })).toEqual(['r2']);
    expect(await ids({ windowContains: '2017-03-01' })).toEqual(['r4']);
    expect(await ids({ windowContains: '2016-12-31', symbol: 'AAPL' })).toEqual(['r6', 'r5', 'r3', 'r1']);
    expect(await ids({ windowContains: '2018-01-01' })).toEqual([]);
  });

  it('refuses a sort key that is not createdAt or a metric path, before any SQL', async () => {
    await expect(runs.listRunsPage({ limit: 5, sort: "metrics.default.sharpe'); DROP TABLE runs; --" })).rejects.toThrow(RangeError);
    await expect(runs.listRunsPage({ limit: 5, sort: 'status' })).rejects.toThrow(/unknown sort key/);
    await expect(runs.listRunsPage({ limit: 0 })).rejects.toThrow(/limit/);
    expect((await runs.listRunsPage({ limit: 10 })).runs).toHaveLength(6);
  });
});
