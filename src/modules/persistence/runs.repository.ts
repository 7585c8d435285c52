import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { BacktestResult } from '../../core/engine/backtest-result';
import { OrderRecord, Trade } from '../../core/engine/orders';
import { DecisionEntity } from './decision.entity';
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
import { DecisionFilter, DecisionRow, EquityPointRow, NewRun, RunCompletion, RunFilter, RunRecord, RunStatus } from './run-record';
import { RunEntity } from './run.entity';
import { newRunEntity, toRunRecord } from './run.mapper';
import { NO_QUEUE, SerialQueue } from './serial-queue';
import { TradeEntity } from './trade.entity';

/** Rows per INSERT statement: far below SQLite's and Postgres' bound-parameter limits. */
export const INSERT_CHUNK_ROWS = 500;
const DEFAULT_LIST_LIMIT = 100;
const CHILD_ENTITIES = [TradeEntity, OrderEntity, EquityPointEntity, DecisionEntity];

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

  /** Deletes the run; its trades, orders and equity go with it (foreign-key cascade). */
  async deleteRun(id: string): Promise<boolean> {
    const result = await this.withManager((m) => m.delete(RunEntity, { id }));
    return (result.affected ?? 0) > 0;
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

const sqliteQueues = new WeakMap<DataSource, SerialQueue>();

// TypeORM's SQLite driver shares one connection: concurrent transactions would nest into each
// other and plain statements would join a foreign transaction, so calls on one SQLite
// DataSource take turns, whichever repository instance makes them.
function queueFor(dataSource: DataSource): Pick<SerialQueue, 'run'> {
  if (dataSource.options.type !== 'sqlite') return NO_QUEUE;
  let queue = sqliteQueues.get(dataSource);
  if (!queue) sqliteQueues.set(dataSource, (queue = new SerialQueue()));
  return queue;
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
}

async function insertInChunks<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await insertRows(manager, target, rows.slice(i, i + INSERT_CHUNK_ROWS));
  }
}

async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: T[]) {
  if (rows.length === 0) return;
  await manager.createQueryBuilder().insert().into(target).values(rows).updateEntity(false).execute();
}
