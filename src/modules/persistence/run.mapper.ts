import { AgentMode, JsonObject, NewRun, RunKind, RunOwner, RunRecord, RunStatus } from './run-record';
import { RunEntity } from './run.entity';

/** A queued run's row. */
export function newRunEntity(run: NewRun, createdAt: string): RunEntity {
  const entity = new RunEntity();
  entity.id = run.id;
  entity.kind = run.kind ?? 'backtest';
  entity.status = 'queued';
  entity.strategy = run.strategy;
  entity.symbol = run.symbol;
  entity.profile = run.profile;
  entity.mode = run.mode;
  entity.fromDate = run.fromDate;
  entity.toDate = run.toDate;
  entity.config = JSON.stringify(run.config);
  entity.manifest = null;
  entity.metrics = null;
  entity.timings = '{}';
  entity.resultHash = null;
  entity.error = null;
  entity.progress = 0;
  entity.createdAt = createdAt;
  entity.startedAt = null;
  entity.finishedAt = null;
  entity.artifactsDir = null;
  entity.ownerPid = run.owner?.pid ?? null;
  entity.ownerHost = run.owner?.host ?? null;
  entity.ownerToken = run.owner?.token ?? null;
  entity.heartbeatAt = run.owner ? createdAt : null;
  entity.queueSeq = run.queueSeq ?? null;
  entity.request = run.request === undefined ? null : JSON.stringify(run.request);
  return entity;
}

/** The owner columns of a row. */
export function ownerColumns(owner: RunOwner, heartbeatAt: string): Pick<RunEntity, 'ownerPid' | 'ownerHost' | 'ownerToken' | 'heartbeatAt'> {
  return { ownerPid: owner.pid, ownerHost: owner.host, ownerToken: owner.token, heartbeatAt };
}

/** The plain record of a row, JSON fields parsed. */
export function toRunRecord(entity: RunEntity): RunRecord {
  return {
    id: entity.id,
    kind: entity.kind as RunKind,
    status: entity.status as RunStatus,
    strategy: entity.strategy,
    symbol: entity.symbol,
    profile: entity.profile,
    mode: entity.mode as AgentMode,
    fromDate: entity.fromDate,
    toDate: entity.toDate,
    config: JSON.parse(entity.config) as JsonObject,
    manifest: parseNullable(entity.manifest),
    metrics: parseNullable(entity.metrics),
    timings: JSON.parse(entity.timings) as Record<string, number>,
    resultHash: entity.resultHash,
    error: entity.error,
    progress: entity.progress,
    createdAt: entity.createdAt,
    startedAt: entity.startedAt,
    finishedAt: entity.finishedAt,
    artifactsDir: entity.artifactsDir,
    owner: entity.ownerToken === null ? null : { pid: entity.ownerPid ?? 0, host: entity.ownerHost ?? '', token: entity.ownerToken },
    heartbeatAt: entity.heartbeatAt,
    queueSeq: entity.queueSeq,
    request: parseNullable(entity.request),
  };
}

function parseNullable(text: string | null): JsonObject | null {
  return text === null ? null : (JSON.parse(text) as JsonObject);
}
