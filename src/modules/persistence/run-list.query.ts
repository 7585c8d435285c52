import { AgentMode, JsonObject, RunKind, RunStatus, RunSummaryRecord } from './run-record';
import { RunPageQuery } from './run-page';

/** The columns a listed run is read from: the large JSON fields (config, manifest, timings) stay unread. */
const SUMMARY_COLUMNS = ['id', 'kind', 'status', 'strategy', 'symbol', 'profile', 'mode', 'from_date', 'to_date', 'metrics', 'error', 'progress', 'created_at', 'started_at', 'finished_at'];

/** A row of {@link SUMMARY_COLUMNS}, plus the sort value when the list is sorted by a metric. */
export interface RunSummaryRow {
  id: string;
  kind: string;
  status: string;
  strategy: string;
  symbol: string;
  profile: string;
  mode: string;
  from_date: string;
  to_date: string;
  metrics: string | null;
  error: string | null;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  sort_value?: number | null;
}

/**
 * One SELECT of the run list in plain SQL that SQLite and Postgres both take, every value bound
 * as a parameter (numbers as exact doubles). Written out rather than through TypeORM's query
 * builder: a listing is read on every poll of a client, and building and hydrating entities cost
 * more than the indexed query itself.
 */
export class RunListSelect {
  private readonly conditions: string[] = [];
  private readonly params: unknown[] = [];

  constructor(
    private readonly postgres: boolean,
    query: Pick<RunPageQuery, 'status' | 'strategy' | 'symbol' | 'windowContains'>,
  ) {
    if (query.status) this.where(`"status" = ${this.bind(query.status)}`);
    if (query.strategy) this.where(`"strategy" = ${this.bind(query.strategy)}`);
    if (query.symbol) this.where(`"symbol" = ${this.bind(query.symbol)}`);
    if (query.windowContains) this.where(`"from_date" <= ${this.bind(query.windowContains)} AND "to_date" >= ${this.bind(query.windowContains)}`);
  }

  /** The placeholder of a new parameter. */
  bind(value: unknown): string {
    this.params.push(value);
    return this.postgres ? `$${this.params.length}` : '?';
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** The statement, the listed columns (and `sortColumn AS sort_value`) in `orderBy` order, at most `limit` rows. */
  build(orderBy: string, limit: number, sortColumn?: string): { sql: string; params: unknown[] } {
    const columns = SUMMARY_COLUMNS.map((c) => `"${c}"`);
    if (sortColumn) columns.push(`"${sortColumn}" AS "sort_value"`);
    const where = this.conditions.length > 0 ? ` WHERE ${this.conditions.join(' AND ')}` : '';
    const limitMark = this.bind(limit);
    return { sql: `SELECT ${columns.join(', ')} FROM "runs"${where} ORDER BY ${orderBy} LIMIT ${limitMark}`, params: this.params };
  }
}

/** The listed view of a row. */
export function toRunSummaryRecord(row: RunSummaryRow): RunSummaryRecord {
  return {
    id: row.id,
    kind: row.kind as RunKind,
    status: row.status as RunStatus,
    strategy: row.strategy,
    symbol: row.symbol,
    profile: row.profile,
    mode: row.mode as AgentMode,
    fromDate: row.from_date,
    toDate: row.to_date,
    metrics: row.metrics === null ? null : (JSON.parse(row.metrics) as JsonObject),
    error: row.error,
    progress: row.progress,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
