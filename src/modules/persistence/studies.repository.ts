import { DataSource, EntityManager, In } from 'typeorm';
import type { RunMetrics } from '../../core/engine/execute-backtest';
import type { ReturnMoments } from '../../core/studies/return-moments';
import type { StudyPhase } from '../../core/studies/study-result';
import type { RunOwner } from './run-record';
import { INSERT_CHUNK_ROWS } from './runs.repository';
import { queueFor, SerialQueue } from './serial-queue';
import { StoredStudyResult, StudyKind, StudyRecord, StudyStatus } from './study-record';
import { StudyResultEntity } from './study-result.entity';
import { StudyEntity } from './study.entity';

/**
 * Stores sweeps and evaluations: the study's row (request, progress, summary) and its runs'
 * metrics, written in batches of many rows per statement rather than a transaction per run.
 */
export class StudiesRepository {
  private readonly queue: Pick<SerialQueue, 'run'>;

  constructor(private readonly dataSource: DataSource) {
    this.queue = queueFor(dataSource);
  }

  /** Stores a study as running, owned by the process that executes it. */
  async create(study: { id: string; kind: StudyKind; request: Record<string, unknown>; total: number; createdAt: number; owner: RunOwner }): Promise<void> {
    await this.with((m) =>
      m.insert(StudyEntity, {
        ownerPid: study.owner.pid,
        ownerHost: study.owner.host,
        ownerToken: study.owner.token,
        heartbeatAt: new Date(study.createdAt).toISOString(),
        id: study.id,
        kind: study.kind,
        status: 'running',
        request: JSON.stringify(study.request),
        total: study.total,
        completed: 0,
        summary: null,
        error: null,
        createdAt: study.createdAt,
        finishedAt: null,
      }),
    );
  }

  /**
   * Appends measured runs and moves the study's progress to `completed`, in one transaction,
   * while the study is running: rows of a study that has ended (cancelled by another process,
   * say) are not written.
   */
  async appendResults(studyId: string, results: readonly StoredStudyResult[], completed: number): Promise<void> {
    if (results.length === 0) return;
    await this.queue.run(() =>
      this.dataSource.transaction(async (m) => {
        const moved = await m.update(StudyEntity, { id: studyId, status: 'running' }, { completed });
        if ((moved.affected ?? 0) === 0) return;
        for (let i = 0; i < results.length; i += INSERT_CHUNK_ROWS) {
          await m.insert(StudyResultEntity, results.slice(i, i + INSERT_CHUNK_ROWS).map((r) => toEntity(studyId, r)));
        }
      }),
    );
  }

  /** Records the total once it is known (a walk-forward plans its test runs after training). */
  async setTotal(studyId: string, total: number): Promise<void> {
    await this.with((m) => m.update(StudyEntity, { id: studyId }, { total }));
  }

  async linkRun(studyId: string, index: number, runId: string): Promise<void> {
    await this.with((m) => m.update(StudyResultEntity, { studyId, idx: index }, { runId }));
  }

  /**
   * running → `status` with the summary or the reason; false when the study had already ended
   * (cancelled or interrupted by another process: that end stays). A study that does not end
   * done keeps no results.
   */
  async finish(studyId: string, status: Exclude<StudyStatus, 'running'>, outcome: { summary?: Record<string, unknown>; error?: string }, finishedAt: number): Promise<boolean> {
    const changes = { status, summary: outcome.summary ? JSON.stringify(outcome.summary) : null, error: outcome.error ?? null, finishedAt };
    return this.end(studyId, changes, null);
  }

  /** running → cancelled with the reason (a study of another process stops at its next heartbeat). */
  async cancel(studyId: string, reason: string, finishedAt: number): Promise<boolean> {
    return this.end(studyId, { status: 'cancelled', error: reason, finishedAt }, null);
  }

  /**
   * running → interrupted with the reason, only while the study still has the owner found gone
   * (`ownerToken`; null for a study stored without an owner).
   */
  async interrupt(studyId: string, reason: string, ownerToken: string | null, finishedAt: number): Promise<boolean> {
    return this.end(studyId, { status: 'interrupted', error: reason, finishedAt }, { ownerToken });
  }

  /** Marks the owner's running studies as alive now. */
  async heartbeat(ownerToken: string, at: string = new Date().toISOString()): Promise<void> {
    await this.with((m) => m.update(StudyEntity, { ownerToken, status: 'running' }, { heartbeatAt: at }));
  }

  /** The statuses of the studies that exist among `ids`. */
  async statusesOf(ids: readonly string[]): Promise<Map<string, StudyStatus>> {
    if (ids.length === 0) return new Map();
    const rows = await this.with((m) => m.find(StudyEntity, { select: { id: true, status: true }, where: { id: In([...ids]) } }));
    return new Map(rows.map((r) => [r.id, r.status as StudyStatus]));
  }

  /** Every running study, oldest first. */
  async running(): Promise<StudyRecord[]> {
    const rows = await this.with((m) => m.find(StudyEntity, { where: { status: 'running' }, order: { createdAt: 'ASC' } }));
    return rows.map(fromEntity);
  }

  /** A running study's end; whatever the outcome, the results of a study not done are removed. */
  private end(studyId: string, changes: Partial<StudyEntity>, owner: { ownerToken: string | null } | null): Promise<boolean> {
    return this.queue.run(() =>
      this.dataSource.transaction(async (m) => {
        const update = m.createQueryBuilder().update(StudyEntity).set(changes).where('id = :studyId', { studyId }).andWhere('status = :running', { running: 'running' });
        if (owner) update.andWhere(owner.ownerToken === null ? 'owner_token IS NULL' : 'owner_token = :ownerToken', { ownerToken: owner.ownerToken });
        const ended = ((await update.execute()).affected ?? 0) > 0;
        if (!ended && owner) return false;
        if (changes.status !== 'done' || !ended) await m.delete(StudyResultEntity, { studyId });
        return ended;
      }),
    );
  }

  async get(id: string): Promise<StudyRecord | null> {
    const row = await this.with((m) => m.findOne(StudyEntity, { where: { id } }));
    return row ? fromEntity(row) : null;
  }

  /** Studies of a kind, newest first. */
  async list(kind: StudyKind, limit = 50): Promise<StudyRecord[]> {
    const rows = await this.with((m) => m.find(StudyEntity, { where: { kind }, order: { createdAt: 'DESC' }, take: limit }));
    return rows.map(fromEntity);
  }

  /** A study's runs in plan order. */
  async results(studyId: string): Promise<StoredStudyResult[]> {
    const rows = await this.with((m) => m.find(StudyResultEntity, { where: { studyId }, order: { idx: 'ASC' } }));
    return rows.map(resultOf);
  }

  private with<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.dataSource.manager));
  }
}

function toEntity(studyId: string, r: StoredStudyResult): StudyResultEntity {
  return {
    studyId,
    idx: r.index,
    strategy: r.strategy,
    symbol: r.symbol,
    params: JSON.stringify(r.params),
    fromDate: r.from,
    toDate: r.to,
    phase: r.phase,
    fold: r.fold,
    spec: JSON.stringify(r.spec),
    metrics: JSON.stringify(r.metrics),
    returns: JSON.stringify(r.returns),
    notes: r.notes.length > 0 ? JSON.stringify(r.notes) : null,
    runId: r.runId,
  };
}

function resultOf(e: StudyResultEntity): StoredStudyResult {
  return {
    index: e.idx,
    strategy: e.strategy,
    symbol: e.symbol,
    params: JSON.parse(e.params) as StoredStudyResult['params'],
    from: e.fromDate,
    to: e.toDate,
    phase: e.phase as StudyPhase,
    fold: e.fold,
    spec: JSON.parse(e.spec) as Record<string, unknown>,
    metrics: JSON.parse(e.metrics) as RunMetrics,
    returns: JSON.parse(e.returns) as ReturnMoments,
    notes: e.notes === null ? [] : (JSON.parse(e.notes) as string[]),
    runId: e.runId,
  };
}

function fromEntity(e: StudyEntity): StudyRecord {
  return {
    id: e.id,
    kind: e.kind as StudyKind,
    status: e.status as StudyStatus,
    request: JSON.parse(e.request) as Record<string, unknown>,
    total: e.total,
    completed: e.completed,
    summary: e.summary === null ? null : (JSON.parse(e.summary) as Record<string, unknown>),
    error: e.error,
    createdAt: Number(e.createdAt),
    finishedAt: e.finishedAt === null ? null : Number(e.finishedAt),
    owner: e.ownerToken === null ? null : { pid: e.ownerPid ?? 0, host: e.ownerHost ?? '', token: e.ownerToken },
    heartbeatAt: e.heartbeatAt,
  };
}
