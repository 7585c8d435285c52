import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { dataSourceOptions } from './data-source.factory';
import { RunPageQuery } from './run-page';
import { METRIC_SORT_COLUMNS } from './run-sort-columns';
import { RunsRepository } from './runs.repository';
import { sampleResult } from './testing/sample-result.fixture';

/** Keeps the SELECTs on `runs` that the repository sends, with their parameters. */
class SelectRecorder extends AbstractLogger {
  readonly selects: Array<{ sql: string; parameters: unknown[] }> = [];

  override logQuery(query: string, parameters?: unknown[]): void {
    if (/^SELECT/i.test(query) && /FROM "runs"/.test(query)) this.selects.push({ sql: query, parameters: parameters ?? [] });
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {}
}

/**
 * Every order and filter of the run list reads an index (EXPLAIN QUERY PLAN of the SQL the
 * repository sends to a real SQLite file): no full scan of `runs`, and no sort of the table in a
 * temporary B-tree for an order, alone or with one filter of the default order.
 */
describe('RunsRepository list query plans', () => {
  let dir: string;
  let ds: DataSource;
  let runs: RunsRepository;
  const recorder = new SelectRecorder();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tg-plan-'));
    ds = await new DataSource({ ...dataSourceOptions(join(dir, 'db.sqlite')), logging: ['query'], logger: recorder }).initialize();
    runs = new RunsRepository(ds);
    for (let i = 0; i < 40; i++) {
      const id = `run-${String(i).padStart(3, '0')}`;
      await runs.createRun({ id, strategy: i % 2 ? 'sma-cross' : 'bollinger', symbol: i % 3 ? 'AAPL' : 'SPX', profile: 'default', mode: 'analytic', fromDate: '2015-01-01', toDate: '2016-12-31', config: {} });
      if (i % 4 === 0) continue;
      const metrics = { default: { sharpe: (i % 7) / 3, totalReturn: i / 10 }, finsaber: { spr: i / 5 } };
      await runs.completeRun(id, { manifest: {}, metrics, timings: {}, resultHash: 'a'.repeat(64), artifactsDir: null }, sampleResult(3, 0));
    }
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The query plans of the SELECTs one call sends. */
  const plansOf = async (call: () => Promise<unknown>): Promise<string[]> => {
    recorder.selects.length = 0;
    await call();
    const plans: string[] = [];
    for (const { sql, parameters } of [...recorder.selects]) {
      const rows = (await ds.query(`EXPLAIN QUERY PLAN ${sql}`, parameters)) as Array<{ detail: string }>;
      plans.push(rows.map((r) => r.detail).join(' | '));
    }
    recorder.selects.length = 0;
    expect(plans.length).toBeGreaterThan(0);
    return plans;
  };

  const FILTERS: Array<[string, Partial<RunPageQuery>]> = [
    ['no filter', {}],
    ['status', { status: 'done' }],
    ['strategy', { strategy: 'sma-cross' }],
    ['symbol', { symbol: 'AAPL' }],
    ['a day in the window', { windowContains: '2016-01-04' }],
    ['status and symbol', { status: 'done', symbol: 'SPX' }],
  ];
  const SORTS = ['createdAt', ...METRIC_SORT_COLUMNS.keys()];

  const readsAnIndex = (plan: string) => {
    expect(plan).not.toMatch(/SCAN (runs|run)\b(?! USING)/);
    expect(plan).toMatch(/USING (COVERING )?INDEX/);
  };

  it.each(FILTERS)('reads an index for every order with %s, first page and next pages', async (_what, filter) => {
    for (const sort of SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const first = await runs.listRunsPage({ ...filter, sort, order, limit: 3 });
        const plans = await plansOf(() => runs.listRunsPage({ ...filter, sort, order, limit: 3 }));
        const later = first.next ? await plansOf(() => runs.listRunsPage({ ...filter, sort, order, limit: 3, after: first.next! })) : [];
        const afterNulls = sort === 'createdAt' ? [] : await plansOf(() => runs.listRunsPage({ ...filter, sort, order, limit: 3, after: { value: null, id: 'run-020' } }));
        for (const plan of [...plans, ...later, ...afterNulls]) readsAnIndex(plan);
      }
    }
  });

  it('sorts in no temporary B-tree: every order alone, and the default order with each filter', async () => {
    const cases: Array<Partial<RunPageQuery>> = [
      ...SORTS.map((sort) => ({ sort })),
      ...FILTERS.filter(([what]) => what !== 'status and symbol').map(([, filter]) => filter),
    ];
    for (const query of cases) {
      for (const plan of await plansOf(() => runs.listRunsPage({ ...query, limit: 50 }))) expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('walks the metric index for a filter matching most runs once the statistics are fresh', async () => {
    await runs.refreshListStatistics();
    for (const plan of await plansOf(() => runs.listRunsPage({ status: 'done', sort: 'metrics.default.sharpe', limit: 50 }))) {
      readsAnIndex(plan);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('reads an index in the list of `runs list`, with each filter', async () => {
    for (const filter of [{}, { status: 'done' as const }, { strategy: 'sma-cross' }, { symbol: 'SPX' }]) {
      for (const plan of await plansOf(() => runs.listRuns({ ...filter, limit: 20 }))) {
        readsAnIndex(plan);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('lists runs in the default order with their creation time', async () => {
    const page = await runs.listRunsPage({ limit: 5 });
    expect(page.runs.map((r) => r.createdAt)).toEqual(page.runs.map(() => expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)));
  });
});
