import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { runMemory, toMemoryCaseEntity } from './memory-case.codec';
import { MemoryCaseEntity } from './memory-case.entity';
import type { EquityBlockPieces } from './run-series.codec';
import {
  deleteRunSeries,
  EncodedRunSeries,
  encodeRunSeries,
  ownCasesOf,
  readDecisionAgents,
  readDecisions,
  readEquity,
  readOrders,
  readTrades,
  writeRunSeries,
  writeRunsSeries,
} from './run-series.store';
import { RunPage, RunPageQuery } from './run-page';
import { METRIC_SORT_COLUMNS, sortColumnValues } from './run-sort-columns';
import {
  ACTIVE_RUN_STATUSES,
  DecisionFilter,
  DecisionRow,
  EquityPointRow,
  NewRun,
  RESUMABLE_RUN_STATUSES,
  RunCompletion,
  RunFilter,
  RunOwner,
  RunRecord,
  RunStatus,
} from './run-record';
import { RunEntity } from './run.entity';
import { RunListSelect, RunSummaryRow, toRunSummaryRecord } from './run-list.query';
import { newRunEntity, ownerColumns, toRunRecord } from './run.mapper';
import { queueFor, SerialQueue } from './serial-queue';
import { CommitBatcher } from './commit.batcher';
import { isUniqueViolation, RunIdTakenError } from './run-id-taken.error';
import { LlmExchangeEntity } from './llm-exchange.entity';

/** Rows per INSERT statement: far below SQLite's and Postgres' bound-parameter limits. */
export const INSERT_CHUNK_ROWS = 500;
const DEFAULT_LIST_LIMIT = 100;
const RUN_SCOPE = (runId: string) => ({ memory: runMemory(runId) });
/** Ids drawn for one new run before giving up (each draw collides with a chance of about 1 in 65,536). */
const FRESH_ID_ATTEMPTS = 8;

/**
 * Stores runs and their results. Plain class: construct it with an initialised DataSource,
 * or get it from `PersistenceModule`. Hands out plain records, never entities.
 *
 * Status transitions are conditional updates, so a run cancelled meanwhile is not marked
 * running or done: those methods return false instead.
 *
 * With a `reader` (a second connection to the same SQLite file, `createReadDataSource`), reads
 * go through it and do not wait for the writes, which take turns on the main connection: a
 * run's results being stored do not hold up a status read or a listing.
 *
 * On SQLite, where writes take turns, new runs stored at the same moment (a burst of
 * submissions) share one commit (`CommitBatcher`); each is still stored when its call resolves.
 */
export class RunsRepository {
  private readonly queue: Pick<SerialQueue, 'run'>;
  private readonly newRuns: CommitBatcher<RunEntity> | null;

  /** @param now the clock for the run timestamps. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
    private readonly reader: DataSource | null = null,
  ) {
    this.queue = queueFor(dataSource);
    this.newRuns = dataSource.options.type === 'sqlite' ? new CommitBatcher((rows) => this.insertTogether(rows)) : null;
  }

  /** Queues a new run. Throws a RunIdTakenError when the id is taken. */
  async createRun(run: NewRun): Promise<RunRecord> {
    const entity = newRunEntity(run, this.timestamp());
    try {
      if (this.newRuns) await this.newRuns.write(entity);
      else await this.withManager((m) => m.insert(RunEntity, entity));
    } catch (e) {
      throw isUniqueViolation(e) ? new RunIdTakenError(run.id) : e;
    }
    return toRunRecord(entity);
  }

  /**
   * Queues a new run under an id drawn by `drawId` (random in part): an id that another run
   * has already is drawn again, so two runs drawing the same id never fail. Not for ids derived
   * from what the run is, where a taken id means the run exists.
   */
  async createRunWithFreshId(run: Omit<NewRun, 'id'>, drawId: () => string): Promise<RunRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createRun({ ...run, id: drawId() });
      } catch (e) {
        if (!(e instanceof RunIdTakenError) || attempt >= FRESH_ID_ATTEMPTS) throw e;
      }
    }
  }

  /**
   * Stores new runs and starts them (queued → running) in one transaction, for a batch of runs
   * executed together; returns them as stored. Throws a RunIdTakenError when an id is taken
   * (none is then stored).
   */
  async startRuns(runs: readonly NewRun[]): Promise<RunRecord[]> {
    if (runs.length === 0) return [];
    const created = this.timestamp();
    const ids = runs.map((r) => r.id);
    try {
      await this.inTransaction(async (m) => {
        await m.insert(RunEntity, runs.map((r) => newRunEntity(r, created)));
        await m.update(RunEntity, { id: In(ids), status: 'queued' }, { status: 'running', startedAt: this.timestamp(), progress: 0 });
      });
    } catch (e) {
      throw isUniqueViolation(e) ? new RunIdTakenError(ids.length === 1 ? ids[0] : `${ids[0]} (or another of the batch of ${ids.length})`) : e;
    }
    return this.getRuns(ids);
  }

  /**
   * {@link startRuns} for runs whose ids `drawRuns` draws (random in part): when one of them is
   * taken, nothing is stored and the whole batch is drawn again.
   */
  async startRunsWithFreshIds(drawRuns: () => readonly NewRun[]): Promise<RunRecord[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startRuns(drawRuns());
      } catch (e) {
        if (!(e instanceof RunIdTakenError) || attempt >= FRESH_ID_ATTEMPTS) throw e;
      }
    }
  }

  /** queued → running. */
  async markRunning(id: string): Promise<boolean> {
    const changes = { status: 'running', startedAt: this.timestamp(), progress: 0 };
    return this.withManager((m) => transition(m, id, ['queued'], changes));
  }

  /** Records progress (clamped to 0..1) of a running run; ignored in any other status. */
  async updateProgress(id: string, progress: number): Promise<void> {
    if (Number.isNaN(progress)) throw new RangeError('progress is NaN');
    const changes = { progress: Math.min(1, Math.max(0, progress)) };
    await this.withManager((m) => transition(m, id, ['running'], changes));
  }

  /**
   * queued|running → done, storing the trades, orders and series in the same
   * transaction: either all of it is stored or none (the run keeps its former status). The
   * series is encoded here unless it comes `encoded` (by the thread that ran the engine).
   */
  async completeRun(id: string, completion: RunCompletion, result: BacktestResult, encoded?: EncodedRunSeries): Promise<boolean> {
    const series = encoded ?? (await encodeRunSeries(result, ownCasesOf(id, result)));
    return this.inTransaction((m) => storeCompletion(m, id, completion, result, series, this.timestamp()));
  }

  /**
   * {@link completeRun} for a run whose completion is known only once `finish` resolves (it
   * writes the run's artifact files): the trades, orders and series are written while `finish`
   * runs, and the run is marked done once it has resolved, all in one transaction. A long run's
   * results are stored while its files are written instead of after; an error of `finish` (or of
   * the writes) rolls the results back, and `finish` has settled whenever this returns or throws.
   * The series is encoded here unless it comes `encoded`, as for {@link completeRun}; its equity
   * block may come made elsewhere (`equityBlock`: by the thread writing the run's equity.csv).
   */
  async completeRunWhile(id: string, result: BacktestResult, finish: () => Promise<RunCompletion>, encoded?: EncodedRunSeries, equityBlock?: Promise<EquityBlockPieces>): Promise<boolean> {
    const finishing = finish();
    // Awaited in the transaction, or settled below when the transaction fails first.
    finishing.catch(() => undefined);
    try {
      // Compressed on the thread pool while the rows are written, unless it comes encoded.
      const series = encoded !== undefined ? Promise.resolve(encoded) : encodeRunSeries(result, ownCasesOf(id, result), equityBlock);
      series.catch(() => undefined);
      return await this.inTransaction(async (m) => {
        await deleteChildren(m, id);
        await storeResults(m, id, result, series, null);
        const completion = await finishing;
        if (completion.namedMemory) await storeNamedMemory(m, id, result, completion.namedMemory);
        // Ended by another process meanwhile: its outcome stands, and these results go.
        if (!(await markDone(m, id, completion, this.timestamp()))) throw new RunEndedMeanwhile();
        return true;
      });
    } catch (e) {
      await finishing.catch(() => undefined);
      if (e instanceof RunEndedMeanwhile) return false;
      throw e;
    }
  }

  /**
   * {@link completeRun} for a batch of runs, in one transaction, with their series already
   * encoded (by the thread that executed them); true for each run stored as done, false for one
   * that another process ended or deleted meanwhile (its outcome stands). A `fresh` run (stored
   * by {@link startRuns} and executed once) has no earlier results to remove. The runs stored
   * have their series (trades and orders included) written together, a statement for many runs
   * instead of one per run. Batched runs are rule strategies: they add to no named memory.
   */
  async completeRuns(runs: ReadonlyArray<{ id: string; completion: Omit<RunCompletion, 'namedMemory'>; series: EncodedRunSeries; fresh?: boolean }>): Promise<boolean[]> {
    if (runs.length === 0) return [];
    return this.inTransaction(async (m) => {
      const stored: boolean[] = [];
      for (const run of runs) {
        const done = await markDone(m, run.id, run.completion, this.timestamp());
        if (done && !run.fresh) await deleteChildren(m, run.id);
        stored.push(done);
      }
      await writeRunsSeries(m, runs.flatMap((run, k) => (stored[k] ? [{ runId: run.id, series: run.series }] : [])));
      return stored;
    });
  }

  /** queued|running|done → failed with the reason; any stored trades, orders and equity are removed. */
  async failRun(id: string, reason: string): Promise<boolean> {
    const changes = { status: 'failed', error: reason, finishedAt: this.timestamp(), metrics: null, resultHash: null };
    return this.inTransaction(async (m) => {
      if (!(await transition(m, id, ['queued', 'running', 'done'], changes))) return false;
      await writeSortColumns(m, id, null);
      await deleteChildren(m, id);
      return true;
    });
  }

  /**
   * queued|running → budget_exceeded with the reason: an llm run stopped before a request that
   * could exceed a budget. Its recorded exchanges stay (a rerun with a larger budget reuses them).
   */
  async budgetExceeded(id: string, reason: string): Promise<boolean> {
    const changes = { status: 'budget_exceeded', error: reason, finishedAt: this.timestamp() };
    return this.withManager((m) => transition(m, id, [...ACTIVE_RUN_STATUSES], changes));
  }

  /**
   * Stores a finished run brought from another database (its record as exported, without the
   * per-bar results, which a replay recomputes). Throws when the id is taken.
   */
  async importRun(run: RunRecord): Promise<void> {
    const entity = newRunEntity({ ...run, config: run.config, owner: undefined, queueSeq: undefined, request: run.request ?? undefined }, run.createdAt);
    Object.assign(entity, {
      status: run.status,
      manifest: run.manifest === null ? null : JSON.stringify(run.manifest),
      metrics: run.metrics === null ? null : JSON.stringify(run.metrics),
      timings: JSON.stringify(run.timings ?? {}),
      resultHash: run.resultHash,
      error: run.error,
      progress: run.progress,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      artifactsDir: null,
    });
    await this.withManager((m) => m.insert(RunEntity, entity));
  }

  /** queued|running → cancelled, with who or what cancelled it. */
  async cancelRun(id: string, reason: string | null = null): Promise<boolean> {
    const changes = { status: 'cancelled', error: reason, finishedAt: this.timestamp() };
    return this.withManager((m) => transition(m, id, [...ACTIVE_RUN_STATUSES], changes));
  }

  /**
   * queued|running → interrupted with the reason, only while the run still has the owner that
   * was found gone (`ownerToken`, null for a run stored without an owner): a run resumed by
   * another process meanwhile is left alone.
   */
  async interruptRun(id: string, reason: string, ownerToken: string | null): Promise<boolean> {
    const changes = { status: 'interrupted', error: reason, finishedAt: this.timestamp() };
    return this.withManager(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(RunEntity)
        .set(changes)
        .where('id = :id', { id })
        .andWhere('status IN (:...active)', { active: [...ACTIVE_RUN_STATUSES] })
        .andWhere(ownerToken === null ? 'owner_token IS NULL' : 'owner_token = :ownerToken', { ownerToken })
        .execute();
      return (result.affected ?? 0) > 0;
    });
  }

  /**
   * cancelled|interrupted → queued again under the same id, owned by `owner`: the former
   * outcome (reason, progress, times) is cleared; the spec and request stay.
   */
  async requeueRun(id: string, owner: RunOwner, queueSeq: number): Promise<boolean> {
    const changes = queuedAgain(owner, queueSeq, this.timestamp());
    return this.inTransaction(async (m) => {
      if (!(await transition(m, id, [...RESUMABLE_RUN_STATUSES], changes))) return false;
      await deleteChildren(m, id);
      return true;
    });
  }

  /**
   * A queued run (or one a vanished process left running or interrupted) handed to `owner`, a
   * queue worker that took its job: stored as queued again under the same id, owned by it, with
   * any former outcome cleared. (Such a run has no result rows: they are only written with the
   * transition to done, by `completeRun`, which removes any rows of the run first.) False when
   * the run has ended meanwhile (done, failed, cancelled, budget exceeded) or is gone.
   */
  async takeRun(id: string, owner: RunOwner, queueSeq: number): Promise<boolean> {
    const changes = queuedAgain(owner, queueSeq, this.timestamp());
    return this.withManager((m) => transition(m, id, ['queued', 'running', 'interrupted'], changes));
  }

  /** Marks the owner's queued and running runs as alive now. */
  async heartbeat(ownerToken: string): Promise<number> {
    const changes = { heartbeatAt: this.timestamp() };
    const result = await this.withManager((m) => m.update(RunEntity, { ownerToken, status: In([...ACTIVE_RUN_STATUSES]) }, changes));
    return result.affected ?? 0;
  }

  /** Reads the runs table once, cheaply: resolves when the database answers (a health check). */
  async ping(): Promise<void> {
    await this.read((m) => m.query('SELECT 1 FROM "runs" LIMIT 1'));
  }

  /** The statuses of the runs that exist among `ids`. */
  async statusesOf(ids: readonly string[]): Promise<Map<string, RunStatus>> {
    const found = new Map<string, RunStatus>();
    for (let i = 0; i < ids.length; i += INSERT_CHUNK_ROWS) {
      const chunk = ids.slice(i, i + INSERT_CHUNK_ROWS);
      const rows = await this.read((m) => m.find(RunEntity, { select: { id: true, status: true }, where: { id: In(chunk) } }));
      for (const row of rows) found.set(row.id, row.status as RunStatus);
    }
    return found;
  }

  /** Every queued or running run, oldest first. */
  async activeRuns(): Promise<RunRecord[]> {
    const entities = await this.read((m) =>
      m.find(RunEntity, { where: { status: In([...ACTIVE_RUN_STATUSES]) }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    return entities.map(toRunRecord);
  }

  /**
   * The place of every queued run in its owner's queue (1 = next to start), from the stored
   * queue order, in one query. Runs stored without an owner have none.
   */
  async queuePositions(): Promise<Map<string, number>> {
    // Plain SQL: every listing asks, and building the query through the ORM cost more than running it.
    const rows = (await this.read((m) =>
      m.query(`SELECT "id", "owner_token" AS "ownerToken" FROM "runs" WHERE "status" = 'queued' ORDER BY "owner_token" ASC, "queue_seq" ASC, "id" ASC`),
    )) as Array<{ id: string; ownerToken: string | null }>;
    const positions = new Map<string, number>();
    let owner: string | null = null;
    let place = 0;
    for (const row of rows) {
      if (row.ownerToken === null) continue;
      if (row.ownerToken !== owner) [owner, place] = [row.ownerToken, 0];
      positions.set(row.id, ++place);
    }
    return positions;
  }

  /**
   * A run with its place in its owner's queue (null unless queued). The places are read after
   * the run; a run that started in between is read again, so the two agree.
   */
  async getRunWithPlace(id: string): Promise<{ run: RunRecord; queuePosition: number | null } | null> {
    const run = await this.getRun(id);
    if (!run || run.status !== 'queued' || !run.owner) return run && { run, queuePosition: null };
    const place = (await this.queuePositions()).get(id);
    if (place !== undefined) return { run, queuePosition: place };
    const now = await this.getRun(id);
    return now && { run: now, queuePosition: null };
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const entity = await this.read((m) => m.findOneBy(RunEntity, { id }));
    return entity ? toRunRecord(entity) : null;
  }

  /** The runs with these ids that exist, in the order of `ids`. */
  async getRuns(ids: readonly string[]): Promise<RunRecord[]> {
    if (ids.length === 0) return [];
    const entities = await this.read((m) => m.findBy(RunEntity, { id: In([...ids]) }));
    const byId = new Map(entities.map((e) => [e.id, toRunRecord(e)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Runs matching every given filter, newest first. */
  async listRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const entities = await this.read((m) =>
      m.find(RunEntity, {
        where: { status: filter.status, strategy: filter.strategy, symbol: filter.symbol },
        order: { createdAt: 'DESC', id: 'DESC' },
        take: limit,
      }),
    );
    return entities.map(toRunRecord);
  }

  /**
   * One page of runs, filtered and sorted by `createdAt` or any stored metric, continuing after
   * `query.after` (keyset pagination: stable while runs are added, no OFFSET scan). Every order
   * reads an index: (created_at, id), a filter's (filter, created_at, id), or a metric's
   * (sort column, id); runs without the metric are read after the others, by id.
   */
  async listRunsPage(query: RunPageQuery): Promise<RunPage> {
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError(`limit must be an integer in 1..10000, got ${limit}`);
    const sort = query.sort ?? 'createdAt';
    const column = sort === 'createdAt' ? null : METRIC_SORT_COLUMNS.get(sort);
    if (column === undefined) throw new RangeError(`unknown sort key "${sort}": createdAt or metrics.<default|finsaber>.<name>`);
    const order = query.order === 'asc' ? 'ASC' : 'DESC';
    const cmp = order === 'DESC' ? '<' : '>';
    const after = query.after;
    const postgres = this.dataSource.options.type === 'postgres';
    return this.read(async (m) => {
      const select = (build: (s: RunListSelect) => { sql: string; params: unknown[] }) => {
        const { sql, params } = build(new RunListSelect(postgres, query));
        return m.query(sql, params) as Promise<RunSummaryRow[]>;
      };
      if (column === null) {
        const rows = await select((s) => {
          if (after) s.where(`("created_at", "id") ${cmp} (${s.bind(String(after.value))}, ${s.bind(after.id)})`);
          return s.build(`"created_at" ${order}, "id" ${order}`, limit + 1);
        });
        return pageOf(rows.map((row) => ({ row, value: row.created_at })), limit);
      }
      const rows: Array<{ row: RunSummaryRow; value: number | null }> = [];
      if (!after || after.value !== null) {
        const withValue = await select((s) => {
          s.where(`"${column}" IS NOT NULL`);
          if (after) s.where(`("${column}", "id") ${cmp} (${s.bind(after.value)}, ${s.bind(after.id)})`);
          return s.build(`"${column}" ${order}, "id" ${order}`, limit + 1, column);
        });
        for (const row of withValue) rows.push({ row, value: row.sort_value ?? null });
      }
      if (rows.length <= limit) {
        const withoutValue = await select((s) => {
          s.where(`"${column}" IS NULL`);
          if (after?.value === null) s.where(`"id" ${cmp} ${s.bind(after.id)}`);
          return s.build(`"id" ${order}`, limit + 1 - rows.length);
        });
        for (const row of withoutValue) rows.push({ row, value: null });
      }
      return pageOf(rows, limit);
    });
  }

  /**
   * Refreshes the query planner's statistics of `runs` (ANALYZE reads each index of the table:
   * about 0.1 s per 10,000 runs on SQLite). Without them SQLite takes any equality filter for
   * selective, so a filter combined with a metric order would read every matching run and sort
   * them; with them it walks the metric's index when the filter matches many runs. (A sampled
   * ANALYZE is no use here: it reads the first entries of an index, all of one status.)
   */
  async refreshListStatistics(): Promise<void> {
    await this.withManager((m) => m.query('ANALYZE "runs"'));
    // Another connection keeps the statistics it loaded until it is told to read them again
    // (ANALYZE of the schema table does that; it counts as a write for the read-only reader).
    if (this.reader) {
      await this.reader.query('PRAGMA query_only = OFF');
      try {
        await this.reader.query('ANALYZE sqlite_schema');
      } finally {
        await this.reader.query('PRAGMA query_only = ON');
      }
    }
  }

  /**
   * A number that changes whenever any connection commits to the database, this process's
   * writes included (SQLite's `PRAGMA data_version`, read on the reader connection, which never
   * writes). Null without a reader (Postgres, an in-memory database): no such number there.
   */
  async dataVersion(): Promise<number | null> {
    if (!this.reader) return null;
    const rows = (await this.reader.query('PRAGMA data_version')) as Array<{ data_version: number }>;
    return rows[0].data_version;
  }

  /** The run's trades in engine order (empty unless the run is done). */
  async getTrades(id: string): Promise<Trade[]> {
    return this.read((m) => readTrades(m, id));
  }

  /** The run's orders in engine order (empty unless the run is done). */
  async getOrders(id: string): Promise<OrderRecord[]> {
    return this.read((m) => readOrders(m, id));
  }

  /** The run's equity points by bar (empty unless the run is done). */
  async getEquity(id: string): Promise<EquityPointRow[]> {
    return this.read((m) => readEquity(m, id));
  }

  /** The run's decision trace, optionally one day (`YYYY-MM-DD`) and/or one agent, in recorded order. */
  async getDecisions(id: string, filter: DecisionFilter = {}): Promise<DecisionRow[]> {
    return this.read((m) => readDecisions(m, id, filter));
  }

  /** The agents with outputs in a run's decision trace, sorted. */
  async getDecisionAgents(id: string): Promise<string[]> {
    return this.read((m) => readDecisionAgents(m, id));
  }

  /** Deletes the run; its trades, orders, equity and decisions go with it (foreign-key cascade), and its own memory cases. */
  async deleteRun(id: string): Promise<boolean> {
    return this.inTransaction(async (m) => {
      await m.delete(MemoryCaseEntity, RUN_SCOPE(id));
      await m.delete(LlmExchangeEntity, { runId: id });
      const result = await m.delete(RunEntity, { id });
      return (result.affected ?? 0) > 0;
    });
  }

  /**
   * Inserts new runs in one transaction: in one statement, or, when that is refused (an id
   * taken), one by one, so that each row gets its own outcome (SQLite undoes only the refused
   * statement, not the transaction).
   */
  private insertTogether(rows: RunEntity[]): Promise<unknown[]> {
    const insert = (m: EntityManager, values: RunEntity[]) => m.createQueryBuilder().insert().into(RunEntity).values(values).updateEntity(false).execute();
    return this.inTransaction(async (m) => {
      const outcomes: unknown[] = [];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
        const chunk = rows.slice(i, i + INSERT_CHUNK_ROWS);
        if (chunk.length > 1) {
          try {
            await insert(m, chunk);
            outcomes.push(...chunk.map(() => null));
            continue;
          } catch (e) {
            if (!isUniqueViolation(e)) throw e;
          }
        }
        for (const row of chunk) outcomes.push(await insert(m, [row]).then(() => null, (e: unknown) => e));
      }
      return outcomes;
    });
  }

  private withManager<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.dataSource.manager));
  }

  /** A read: on the reader when there is one (no turn to wait for), else like any statement. */
  private read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.reader ? work(this.reader.manager) : this.withManager(work);
  }

  private inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.dataSource.transaction(work));
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

async function transition(
  manager: EntityManager,
  id: string,
  from: RunStatus[],
  changes: Partial<RunEntity>,
): Promise<boolean> {
  const result = await manager.update(RunEntity, { id, status: In(from) }, changes);
  return (result.affected ?? 0) > 0;
}

/** Stores a finished run's results if it is still queued or running: false when it is not. */
async function storeCompletion(
  manager: EntityManager,
  id: string,
  completion: RunCompletion,
  result: BacktestResult,
  series: EncodedRunSeries,
  finishedAt: string,
  fresh = false,
): Promise<boolean> {
  if (!(await markDone(manager, id, completion, finishedAt))) return false;
  if (!fresh) await deleteChildren(manager, id);
  await storeResults(manager, id, result, series, completion.namedMemory);
  return true;
}

/** queued|running → done with the completion's manifest, metrics and the rest; false when the run has ended or is gone. */
async function markDone(manager: EntityManager, id: string, completion: RunCompletion, finishedAt: string): Promise<boolean> {
  const changes: Partial<RunEntity> = {
    status: 'done',
    progress: 1,
    finishedAt,
    manifest: JSON.stringify(completion.manifest),
    metrics: JSON.stringify(completion.metrics),
    timings: JSON.stringify(completion.timings),
    resultHash: completion.resultHash,
    artifactsDir: completion.artifactsDir,
    error: null,
  };
  if (!(await transition(manager, id, ['queued', 'running'], changes))) return false;
  await writeSortColumns(manager, id, completion.metrics);
  return true;
}

/** A run's series (trades and orders included) and (given its name) the cases it adds to a named memory. */
async function storeResults(
  manager: EntityManager,
  id: string,
  result: BacktestResult,
  series: EncodedRunSeries | Promise<EncodedRunSeries>,
  namedMemory: string | null | undefined,
): Promise<void> {
  if (namedMemory) await storeNamedMemory(manager, id, result, namedMemory);
  await writeRunSeries(manager, id, await series);
}

async function storeNamedMemory(manager: EntityManager, id: string, result: BacktestResult, namedMemory: string): Promise<void> {
  await insertInChunks(manager, MemoryCaseEntity, result.memory.map((c) => toMemoryCaseEntity(namedMemory, id, c)));
}

/** Thrown in a transaction to roll it back: the run ended in another process while its results were being stored. */
class RunEndedMeanwhile extends Error {}

/** The first `limit` rows as a page; the next page starts after the last one when there are more. */
function pageOf(rows: Array<{ row: RunSummaryRow; value: string | number | null }>, limit: number): RunPage {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { runs: page.map((r) => toRunSummaryRecord(r.row)), next: rows.length > limit && last ? { value: last.value, id: last.row.id } : null };
}

/** Copies a run's metrics into the sort columns (all NULL without metrics), every value bound as a parameter. */
async function writeSortColumns(manager: EntityManager, runId: string, metrics: unknown): Promise<void> {
  const values = sortColumnValues(metrics);
  const postgres = manager.connection.options.type === 'postgres';
  const mark = (i: number) => (postgres ? `$${i}` : '?');
  const assignments = values.map(([column], i) => `"${column}" = ${mark(i + 1)}`).join(', ');
  await manager.query(`UPDATE "runs" SET ${assignments} WHERE "id" = ${mark(values.length + 1)}`, [...values.map(([, v]) => v), runId]);
}

async function deleteChildren(manager: EntityManager, runId: string): Promise<void> {
  await deleteRunSeries(manager, runId);
  // Only the run's own cases go: cases it added to a named memory stay there, with their source run.
  await manager.delete(MemoryCaseEntity, RUN_SCOPE(runId));
}

async function insertInChunks<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await insertRows(manager, target, rows.slice(i, i + INSERT_CHUNK_ROWS));
  }
}

/**
 * One multi-row INSERT with every value bound as a parameter. (TypeORM's insert builder hands
 * SQLite numbers as text, which SQLite does not always convert back to the same double.) On
 * Postgres the values go as one array per column, unnested by the server: a few parameters
 * instead of one per value, which the server parses and plans about three times faster (258
 * rows of 19 columns); numbers travel as the same shortest decimal text.
 */
async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]) {
  if (rows.length === 0) return;
  const meta = manager.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => !c.relationMetadata || c.referencedColumn);
  const postgres = manager.connection.options.type === 'postgres';
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  if (postgres) {
    const arrays = columns.map((c) => rows.map((row) => c.getEntityValue(row) ?? null));
    const casts = columns.map((c, i) => `$${i + 1}::${manager.connection.driver.normalizeType(c)}[]`);
    await manager.query(`INSERT INTO "${meta.tableName}" (${names}) SELECT * FROM unnest(${casts.join(', ')})`, arrays);
    return;
  }
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const marks = columns.map((c) => {
      params.push(c.getEntityValue(row) ?? null);
      return '?';
    });
    return `(${marks.join(', ')})`;
  });
  await manager.query(`INSERT INTO "${meta.tableName}" (${names}) VALUES ${tuples.join(', ')}`, params);
}

/** A run queued again under its id, owned by `owner`, with any former outcome cleared (the spec and request stay). */
function queuedAgain(owner: RunOwner, queueSeq: number, now: string): Partial<RunEntity> {
  return {
    status: 'queued',
    progress: 0,
    error: null,
    startedAt: null,
    finishedAt: null,
    manifest: null,
    metrics: null,
    timings: '{}',
    resultHash: null,
    artifactsDir: null,
    queueSeq,
    ...ownerColumns(owner, now),
  };
}
