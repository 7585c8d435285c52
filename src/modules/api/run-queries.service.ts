import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { NotFoundError } from '../backtests/input.error';
import type { RunRecord } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { BacktestJobs } from './backtest-jobs.service';
import { CompareDto } from './dto/compare.dto';
import { DEFAULT_PAGE_SIZE, ListBacktestsDto } from './dto/list-backtests.dto';
import { RunPageDto } from './dto/run.dto';
import { csvDocument } from '../artifacts/csv';
import { runsTable } from './csv-tables';
import { RunPageCache } from './run-page.cache';
import { PreparedBody, RunReadCache } from './run-read.cache';
import { canonicalSort, decodeCursor, DEFAULT_METRICS, encodeCursor, FINSABER_METRICS } from './run-sort';
import { runDetail, runSummary } from './run.views';

/** Reads of stored runs: the filtered, sorted list, one run, and the comparison table. */
@Injectable()
export class RunQueries implements OnApplicationBootstrap {
  constructor(
    private readonly runs: RunsRepository,
    private readonly jobs: BacktestJobs,
    private readonly cache: RunReadCache,
    private readonly pages: RunPageCache,
  ) {}

  /** Fresh planner statistics at start, so that every listing reads its best index (see refreshListStatistics). */
  async onApplicationBootstrap(): Promise<void> {
    await this.runs.refreshListStatistics();
  }

  /**
   * `GET /backtests` as JSON, or as CSV when `asCsv`: served from the page made at the same data
   * version when there is one (RunPageCache), else read and prepared.
   */
  async preparedPage(q: ListBacktestsDto, asCsv: boolean): Promise<PreparedBody> {
    // The version is read before the page: a commit in between makes the next listing read again.
    const version = await this.runs.dataVersion();
    const key = JSON.stringify([asCsv, q.status, q.strategy, q.symbol, q.date, q.sort, q.order, q.cursor, q.limit]);
    const kept = this.pages.get(version, key);
    if (kept) return kept;
    const page = await this.page(q);
    const table = asCsv ? runsTable(page) : null;
    const prepared = new PreparedBody(Buffer.from(JSON.stringify(page), 'utf8'), table && Buffer.from(csvDocument(table.header, table.rows), 'utf8'));
    if (!page.items.some((r) => r.status === 'running')) this.pages.set(version, key, prepared);
    return prepared;
  }

  private async page(q: ListBacktestsDto): Promise<RunPageDto> {
    const sort = canonicalSort(q.sort);
    const order = q.order ?? 'desc';
    // The places are read before the list, so every run it shows as queued has one (a run that
    // starts in between is listed as running).
    const places = await this.runs.queuePositions();
    const page = await this.runs.listRunsPage({
      status: q.status,
      strategy: q.strategy,
      symbol: q.symbol,
      windowContains: q.date,
      sort,
      order,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      after: q.cursor ? decodeCursor(q.cursor, sort, order) : undefined,
    });
    return {
      items: page.runs.map((r) => runSummary(r, this.jobs.progressOf(r.id), places.get(r.id) ?? null)),
      nextCursor: page.next ? encodeCursor(sort, order, page.next) : null,
    };
  }

  /** `GET /backtests/:id`; a done run's answer is serialised once (RunReadCache). */
  detail(id: string): Promise<PreparedBody> {
    return this.cache.answer(id, 'detail', async () => {
      const found = await this.runs.getRunWithPlace(id);
      if (!found) throw new NotFoundError(`no run with id ${id}`);
      const { run, queuePosition } = found;
      return { body: runDetail(run, this.jobs.progressOf(id), queuePosition), final: run.status === 'done' };
    });
  }

  /** The runs side by side, in the order asked (an id asked twice appears once). */
  async compare(ids: string[]): Promise<CompareDto> {
    const records: RunRecord[] = [];
    for (const id of new Set(ids)) records.push(await this.record(id));
    return {
      columns: DEFAULT_METRICS,
      finsaberColumns: FINSABER_METRICS,
      rows: records.map((r) => {
        const metrics = (r.metrics ?? {}) as { default?: Record<string, unknown>; finsaber?: Record<string, unknown> };
        return {
          id: r.id,
          strategy: r.strategy,
          symbol: r.symbol,
          profile: r.profile,
          from: r.fromDate,
          to: r.toDate,
          status: r.status,
          error: r.error,
          default: metrics.default ?? null,
          finsaber: metrics.finsaber ?? null,
        };
      }),
    };
  }

  /** The stored run, or a 404. */
  async record(id: string): Promise<RunRecord> {
    const record = await this.runs.getRun(id);
    if (!record) throw new NotFoundError(`no run with id ${id}`);
    return record;
  }
}
