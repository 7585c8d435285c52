import { DataSource, EntityManager } from 'typeorm';
import { INSERT_CHUNK_ROWS } from './runs.repository';
import { LlmAgentUsage, LlmExchangeRecord, RecordedOutcome } from './llm-exchange-record';
import { LlmExchangeEntity } from './llm-exchange.entity';
import { queueFor, SerialQueue } from './serial-queue';

/** Stores the exchanges of llm-mode runs and answers the questions a replay, a cache and `runs show` ask. */
export class LlmExchangesRepository {
  private readonly queue: Pick<SerialQueue, 'run'>;

  constructor(private readonly dataSource: DataSource) {
    this.queue = queueFor(dataSource);
  }

  async append(records: readonly LlmExchangeRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.queue.run(async () => {
      const m = this.dataSource.manager;
      for (let i = 0; i < records.length; i += INSERT_CHUNK_ROWS) {
        await m.insert(LlmExchangeEntity, records.slice(i, i + INSERT_CHUNK_ROWS).map(toEntity));
      }
    });
  }

  /** A run's exchanges in the order they ended. */
  async forRun(runId: string): Promise<LlmExchangeRecord[]> {
    const rows = await this.with((m) => m.find(LlmExchangeEntity, { where: { runId }, order: { seq: 'ASC' } }));
    return rows.map(fromEntity);
  }

  /**
   * What a replay or a resumed run needs of its record: each exchange's key and how it ended
   * (not the prompts, which it writes again itself).
   */
  async outcomesForRun(runId: string): Promise<RecordedOutcome[]> {
    const rows: Array<Record<string, unknown>> = await this.with((m) =>
      m
        .createQueryBuilder(LlmExchangeEntity, 'x')
        .select(['x.seq AS seq', 'x.request_key AS "requestKey"', 'x.outcome AS outcome', 'x.content AS content', 'x.error AS error'])
        .where('x.run_id = :runId', { runId })
        .orderBy('x.seq', 'ASC')
        .getRawMany(),
    );
    return rows.map((r) => ({ seq: Number(r.seq), requestKey: String(r.requestKey), outcome: r.outcome as RecordedOutcome['outcome'], content: (r.content as string | null) ?? null, error: (r.error as string | null) ?? null }));
  }

  /** The latest answer recorded for a request by any run (what `--llm-cache reuse` serves). */
  async latestAnswer(requestKey: string): Promise<LlmExchangeRecord | null> {
    const row = await this.with((m) => m.findOne(LlmExchangeEntity, { where: { requestKey, outcome: 'answer' }, order: { createdAt: 'DESC', seq: 'DESC' } }));
    return row ? fromEntity(row) : null;
  }

  async deleteForRun(runId: string): Promise<void> {
    await this.with((m) => m.delete(LlmExchangeEntity, { runId }));
  }

  /** Calls, tokens and cost per agent of a run (agents in name order). */
  async usage(runId: string): Promise<LlmAgentUsage[]> {
    const rows: Array<Record<string, string | number | null>> = await this.with((m) =>
      m
        .createQueryBuilder(LlmExchangeEntity, 'x')
        .select('x.agent', 'agent')
        .addSelect(`SUM(CASE WHEN x.source = 'live' THEN 1 ELSE 0 END)`, 'liveCalls')
        .addSelect(`SUM(CASE WHEN x.source = 'live' THEN 0 ELSE 1 END)`, 'recordedCalls')
        .addSelect('SUM(x.requests)', 'requests')
        .addSelect(`SUM(CASE WHEN x.outcome = 'unavailable' THEN 1 ELSE 0 END)`, 'unavailable')
        .addSelect(`SUM(CASE WHEN x.attempt = 'repair' THEN 1 ELSE 0 END)`, 'repairs')
        .addSelect('SUM(x.prompt_tokens)', 'promptTokens')
        .addSelect('SUM(x.completion_tokens)', 'completionTokens')
        .addSelect('SUM(x.cost_usd)', 'costUsd')
        .addSelect(`AVG(CASE WHEN x.source = 'live' THEN x.latency_ms END)`, 'meanLatencyMs')
        .where('x.run_id = :runId', { runId })
        .groupBy('x.agent')
        .orderBy('x.agent', 'ASC')
        .getRawMany(),
    );
    return rows.map((r) => ({
      agent: String(r.agent),
      liveCalls: Number(r.liveCalls),
      recordedCalls: Number(r.recordedCalls),
      requests: Number(r.requests),
      unavailable: Number(r.unavailable),
      repairs: Number(r.repairs),
      promptTokens: Number(r.promptTokens),
      completionTokens: Number(r.completionTokens),
      costUsd: Number(r.costUsd),
      meanLatencyMs: r.meanLatencyMs === null ? null : Number(r.meanLatencyMs),
    }));
  }

  private with<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.dataSource.manager));
  }
}

function toEntity(r: LlmExchangeRecord): LlmExchangeEntity {
  return Object.assign(new LlmExchangeEntity(), {
    ...r,
    model: r.request.model,
    request: JSON.stringify(r.request),
    shows: JSON.stringify(r.shows),
  });
}

function fromEntity(e: LlmExchangeEntity): LlmExchangeRecord {
  return {
    runId: e.runId,
    seq: e.seq,
    requestKey: e.requestKey,
    agent: e.agent,
    decidedAt: e.decidedAt,
    attempt: e.attempt as LlmExchangeRecord['attempt'],
    request: JSON.parse(e.request),
    shows: JSON.parse(e.shows),
    outcome: e.outcome as LlmExchangeRecord['outcome'],
    content: e.content,
    error: e.error,
    promptTokens: e.promptTokens,
    completionTokens: e.completionTokens,
    costUsd: e.costUsd,
    latencyMs: e.latencyMs,
    requests: e.requests,
    source: e.source as LlmExchangeRecord['source'],
    createdAt: e.createdAt,
  };
}
