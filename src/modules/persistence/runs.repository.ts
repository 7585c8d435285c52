import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { DecisionEntity } from './decision.entity';
import { runMemory, toMemoryCaseEntity } from './memory-case.codec';
import { MemoryCaseEntity } from './memory-case.entity';
import { EquityPointEntity } from './equity-point.entity';
import { OrderEntity } from './order.entity';
import {
  fromDecisionEntity,
  fromEquityEntity,
  fromOrderEntity,
  fromTradeEntity,
  toDecisionEntity,
  toEquityEntities,
  toOrderEntity,
  toTradeEntity,
} from './result-rows.mapper';
import { METRIC_SORT_KEY, RunPage, RunPageQuery } from './run-page';
import { DecisionFilter, DecisionRow, EquityPointRow, NewRun, RunCompletion, RunFilter, RunRecord, RunStatus } from './run-record';
import { RunEntity } from './run.entity';
import { newRunEntity, toRunRecord } from './run.mapper';
import { queueFor, SerialQueue } from './serial-queue';
import { TradeEntity } from './trade.entity';
import { LlmExchangeEntity } from './llm-exchange.entity';

/** Rows per INSERT statement: far below SQLite's and Postgres' bound-parameter limits. */
export const INSERT_CHUNK_ROWS = 500;
const DEFAULT_LIST_LIMIT = 100;
const CHILD_ENTITIES = [TradeEntity, OrderEntity, EquityPointEntity, DecisionEntity];
const RUN_SCOPE = (runId: string) => ({ memory: runMemory(runId) });

/**
 * Stores runs and their results. Plain class: construct it with an initialised DataSource,
 * or get it from `PersistenceModule`. Hands out plain records, never entities.
 *
 * Status transitions are conditional updates, so a run cancelled meanwhile is not marked
 * running or done: those methods return false instead.
 */
export class RunsRepository {
  private readonly queue: Pick<SerialQueue, 'run'>;

  /** @param now the clock for the run timestamps. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.queue = queueFor(dataSource);
  }

  /** Queues a new run. Throws when the id is taken. */
  async createRun(run: NewRun): Promise<RunRecord> {
    const entity = newRunEntity(run, this.timestamp());
    await this.withManager((m) => m.insert(RunEntity, entity));
    return toRunRecord(entity);
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
   * queued|running → done, storing the trades, orders and equity points in the same
   * transaction: either all of it is stored or none (the run keeps its former status).
   */
  async completeRun(id: string, completion: RunCompletion, result: BacktestResult): Promise<boolean> {
    const changes: Partial<RunEntity> = {
      status: 'done',
      progress: 1,
      finishedAt: this.timestamp(),
      manifest: JSON.stringify(completion.manifest),
      metrics: JSON.stringify(completion.metrics),
      timings: JSON.stringify(completion.timings),
      resultHash: completion.resultHash,
      artifactsDir: completion.artifactsDir,
      error: null,
    };
    return this.inTransaction(async (m) => {
      if (!(await transition(m, id, ['queued', 'running'], changes))) return false;
      await deleteChildren(m, id);
      await insertInChunks(m, TradeEntity, result.trades.map((t, seq) => toTradeEntity(id, seq, t)));
      await insertInChunks(m, OrderEntity, result.orders.map((o, seq) => toOrderEntity(id, seq, o)));
      await insertInChunks(m, DecisionEntity, result.trace.map((d, seq) => toDecisionEntity(id, seq, d)));
      await insertInChunks(m, MemoryCaseEntity, result.memory.map((c) => toMemoryCaseEntity(runMemory(id), id, c)));
      if (completion.namedMemory) {
        await insertInChunks(m, MemoryCaseEntity, result.memory.map((c) => toMemoryCaseEntity(completion.namedMemory!, id, c)));
      }
      const bars = result.equity.length;
      for (let from = 0; from < bars; from += INSERT_CHUNK_ROWS) {
        await insertRows(m, EquityPointEntity, toEquityEntities(id, result, from, Math.min(bars, from + INSERT_CHUNK_ROWS)));
      }
      return true;
    });
  }

  /** queued|running|done → failed with the reason; any stored trades, orders and equity are removed. */
  async failRun(id: string, reason: string): Promise<boolean> {
    const changes = { status: 'failed', error: reason, finishedAt: this.timestamp(), metrics: null, resultHash: null };
    return this.inTransaction(async (m) => {
      if (!(await transition(m, id, ['queued', 'running', 'done'], changes))) return false;
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
    return this.withManager((m) => transition(m, id, ['queued', 'running'], changes));
  }

  /**
   * Stores a finished run brought from another database (its record as exported, without the
   * per-bar results, which a replay recomputes). Throws when the id is taken.
   */
  async importRun(run: RunRecord): Promise<void> {
    const entity = newRunEntity({ ...run, config: run.config }, run.createdAt);
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

  /** queued|running → cancelled. */
  async cancelRun(id: string): Promise<boolean> {
    const changes = { status: 'cancelled', finishedAt: this.timestamp() };
    return this.withManager((m) => transition(m, id, ['queued', 'running'], changes));
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const entity = await this.withManager((m) => m.findOneBy(RunEntity, { id }));
    return entity ? toRunRecord(entity) : null;
  }

  /** Runs matching every given filter, newest first. */
  async listRuns(filter: RunFilter = {}): Promise<RunRecord[]> {
    const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const entities = await this.withManager((m) =>
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
   * `query.after` (keyset pagination: stable while runs are added, no OFFSET scan).
   */
  async listRunsPage(query: RunPageQuery): Promise<RunPage> {
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError(`limit must be an integer in 1..10000, got ${limit}`);
    const desc = query.order !== 'asc';
    const cmp = desc ? '<' : '>';
    const sortValue = this.sortExpression(query.sort ?? 'createdAt');
    return this.withManager(async (m) => {
      const qb = m
        .createQueryBuilder(RunEntity, 'run')
        .addSelect(sortValue.sql, 'sort_value')
        .addSelect(`CASE WHEN ${sortValue.sql} IS NULL THEN 1 ELSE 0 END`, 'sort_null')
        .setParameters(sortValue.parameters);
      if (query.status) qb.andWhere('run.status = :status', { status: query.status });
      if (query.strategy) qb.andWhere('run.strategy = :strategy', { strategy: query.strategy });
      if (query.symbol) qb.andWhere('run.symbol = :symbol', { symbol: query.symbol });
      if (query.windowContains) qb.andWhere('run.fromDate <= :day AND run.toDate >= :day', { day: query.windowContains });
      const after = query.after;
      if (after && after.value === null) {
        qb.andWhere(`(${sortValue.sql} IS NULL AND run.id ${cmp} :afterId)`, { afterId: after.id });
      } else if (after) {
        // `:...afterValue` binds the exact double: TypeORM's SQLite driver would write a number
        // parameter into the SQL as text, and SQLite's text-to-double parse is not always correctly rounded.
        qb.andWhere(`(${sortValue.sql} IS NULL OR ${sortValue.sql} ${cmp} :...afterValue OR (${sortValue.sql} = :...afterValue AND run.id ${cmp} :afterId))`, {
          afterValue: [after.value],
          afterId: after.id,
        });
      }
      qb.orderBy('sort_null', 'ASC').addOrderBy('sort_value', desc ? 'DESC' : 'ASC').addOrderBy('run.id', desc ? 'DESC' : 'ASC').limit(limit + 1);
      const { entities, raw } = await qb.getRawAndEntities();
      const more = entities.length > limit;
      const runs = entities.slice(0, limit).map(toRunRecord);
      const last = raw[runs.length - 1] as { sort_value: string | number | null } | undefined;
      return { runs, next: more && last ? { value: last.sort_value ?? null, id: runs[runs.length - 1].id } : null };
    });
  }

  /** The run's trades in engine order (empty unless the run is done). */
  async getTrades(id: string): Promise<Trade[]> {
    const rows = await this.withManager((m) => m.find(TradeEntity, { where: { runId: id }, order: { seq: 'ASC' } }));
    return rows.map(fromTradeEntity);
  }

  /** The run's orders in engine order (empty unless the run is done). */
  async getOrders(id: string): Promise<OrderRecord[]> {
    const rows = await this.withManager((m) => m.find(OrderEntity, { where: { runId: id }, order: { seq: 'ASC' } }));
    return rows.map(fromOrderEntity);
  }

  /** The run's equity points by bar (empty unless the run is done). */
  async getEquity(id: string): Promise<EquityPointRow[]> {
    const rows = await this.withManager((m) =>
      m.find(EquityPointEntity, { where: { runId: id }, order: { barIndex: 'ASC' } }),
    );
    return rows.map(fromEquityEntity);
  }

  /** The run's decision trace, optionally one day (`YYYY-MM-DD`) and/or one agent, in recorded order. */
  async getDecisions(id: string, filter: DecisionFilter = {}): Promise<DecisionRow[]> {
    const rows = await this.withManager((m) =>
      m.find(DecisionEntity, { where: { runId: id, date: filter.date, agent: filter.agent }, order: { seq: 'ASC' } }),
    );
    return rows.map(fromDecisionEntity);
  }

  /** The agents with outputs in a run's decision trace, sorted. */
  async getDecisionAgents(id: string): Promise<string[]> {
    const rows = await this.withManager((m) =>
      m.createQueryBuilder(DecisionEntity, 'd').select('DISTINCT d.agent', 'agent').where('d.runId = :id', { id }).orderBy('agent').getRawMany<{ agent: string }>(),
    );
    return rows.map((r) => r.agent);
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

  /** SQL of a sort key: the creation time, or a metric read from the stored metrics JSON. */
  private sortExpression(sort: string): { sql: string; parameters: Record<string, unknown> } {
    if (sort === 'createdAt') return { sql: 'run.createdAt', parameters: {} };
    const metric = METRIC_SORT_KEY.exec(sort);
    if (!metric) throw new RangeError(`unknown sort key "${sort}": createdAt or metrics.<default|finsaber>.<name>`);
    if (this.dataSource.options.type === 'postgres') {
      return { sql: 'CAST(CAST(run.metrics AS json) #>> CAST(:sortPath AS text[]) AS double precision)', parameters: { sortPath: `{${metric[1]},${metric[2]}}` } };
    }
    return { sql: 'json_extract(run.metrics, :sortPath)', parameters: { sortPath: `$.${metric[1]}.${metric[2]}` } };
  }

  private withManager<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.dataSource.manager));
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

async function deleteChildren(manager: EntityManager, runId: string): Promise<void> {
  for (const entity of CHILD_ENTITIES) await manager.delete(entity, { runId });
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
 * SQLite numbers as text, which SQLite does not always convert back to the same double.)
 */
async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]) {
  if (rows.length === 0) return;
  const meta = manager.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => !c.relationMetadata || c.referencedColumn);
  const postgres = manager.connection.options.type === 'postgres';
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const marks = columns.map((c) => {
      params.push(c.getEntityValue(row) ?? null);
      return postgres ? `$${params.length}` : '?';
    });
    return `(${marks.join(', ')})`;
  });
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  await manager.query(`INSERT INTO "${meta.tableName}" (${names}) VALUES ${tuples.join(', ')}`, params);
}
