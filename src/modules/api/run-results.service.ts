import { Injectable } from '@nestjs/common';
import { LlmService } from '../llm/llm.service';
import { STRATEGY_KINDS } from '../../core/strategies/registry';
import { MemoryRepository } from '../persistence/memory.repository';
import type { EquityPointRow, RunRecord } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { decisionsTable, equityTable, tradesTable } from './csv-tables';
import { DecisionsQueryDto } from './dto/decisions-query.dto';
import { EquityDto, LlmUsageDto, ReflectionsDto } from './dto/run-results.dto';
import { RunQueries } from './run-queries.service';
import { PreparedBody, RunReadCache } from './run-read.cache';
import { strategyKindOf, tradeView } from './run.views';

/**
 * A run's stored results: equity, trades, the agent trace (serialised once per done run, see
 * RunReadCache), reflections and LLM usage. Rule strategies (no agents) record no reflections
 * and make no LLM calls.
 */
@Injectable()
export class RunResults {
  constructor(
    private readonly runs: RunsRepository,
    private readonly memories: MemoryRepository,
    private readonly queries: RunQueries,
    private readonly cache: RunReadCache,
    private readonly llm: LlmService,
  ) {}

  equity(id: string): Promise<PreparedBody> {
    return this.cache.answer(id, 'equity', async () => {
      const run = await this.queries.record(id);
      return { body: equityColumns(run, await this.runs.getEquity(id)), final: run.status === 'done', table: equityTable };
    });
  }

  trades(id: string): Promise<PreparedBody> {
    return this.cache.answer(id, 'trades', async () => {
      const run = await this.queries.record(id);
      const items = (await this.runs.getTrades(id)).map(tradeView);
      return { body: { runId: id, status: run.status, items }, final: run.status === 'done', table: tradesTable };
    });
  }

  decisions(id: string, q: DecisionsQueryDto): Promise<PreparedBody> {
    return this.cache.answer(id, `decisions?date=${q.date ?? ''}&agent=${q.agent ?? ''}`, async () => {
      const run = await this.queries.record(id);
      const items = await this.runs.getDecisions(id, { date: q.date, agent: q.agent });
      return { body: { runId: id, status: run.status, items }, final: run.status === 'done', table: decisionsTable };
    });
  }

  /**
   * The labelled cases the run's reflective agents stored (its own memory, `run:<id>`), each
   * checked against its SHA-256; cases failing the check are listed under `rejected`. An empty
   * list says why: a rule strategy records none, reflection may be switched off, or the run
   * is not done yet.
   */
  async reflections(id: string): Promise<ReflectionsDto> {
    const run = await this.queries.record(id);
    const { cases, rejected } = await this.memories.runCases(id);
    const body: ReflectionsDto = { runId: id, status: run.status, reflections: cases, rejected };
    if (cases.length === 0) body.note = noReflectionsReason(run);
    return body;
  }

  /**
   * LLM calls, tokens, cost and fallbacks, in all and per agent, from the run's recorded
   * exchanges. Rule strategies and analytic-mode runs make no LLM calls: zero, with a note.
   */
  async llmUsage(id: string): Promise<LlmUsageDto> {
    const run = await this.queries.record(id);
    const kind = strategyKindOf(run);
    if (!usesAgents(kind)) return { ...zeroUsage(run), note: `${kind} is a rule strategy: it makes no LLM calls` };
    if (run.mode !== 'llm') return { ...zeroUsage(run), note: 'analytic mode makes no LLM calls' };
    const u = await this.llm.usage(id, run.manifest);
    return {
      runId: run.id,
      status: run.status,
      mode: run.mode,
      calls: u.liveCalls,
      recordedCalls: u.recordedCalls,
      requests: u.requests,
      promptTokens: u.promptTokens,
      completionTokens: u.completionTokens,
      costUsd: u.costUsd,
      fallbacks: u.fallbacks,
      agents: u.agents,
    };
  }
}

function usesAgents(kind: string): boolean {
  return STRATEGY_KINDS[kind]?.usesAgents ?? false;
}

function noReflectionsReason(run: RunRecord): string {
  const kind = strategyKindOf(run);
  if (!usesAgents(kind)) return `this run records no reflections: ${kind} is a rule strategy`;
  if (run.status !== 'done') return `the run is ${run.status}: reflections are stored when it is done`;
  const params = (run.manifest?.resolved as { params?: { modules?: { reflection?: boolean } } } | undefined)?.params;
  if (params?.modules?.reflection === false) return 'this run records no reflections: reflection was switched off (modules.reflection)';
  return 'this run stored no reflection cases';
}

function equityColumns(run: RunRecord, points: EquityPointRow[]): EquityDto {
  return {
    runId: run.id,
    status: run.status,
    count: points.length,
    firstBarIndex: points.length > 0 ? points[0].barIndex : null,
    columns: {
      date: points.map((p) => p.date),
      equity: points.map((p) => p.equity),
      cash: points.map((p) => p.cash),
      position: points.map((p) => p.position),
      close: points.map((p) => p.close),
    },
  };
}

function zeroUsage(run: RunRecord): Omit<LlmUsageDto, 'note'> {
  return { runId: run.id, status: run.status, mode: run.mode, calls: 0, recordedCalls: 0, requests: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, fallbacks: 0, agents: [] };
}
