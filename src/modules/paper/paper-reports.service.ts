import { Injectable } from '@nestjs/common';
import { isoDay } from '../../core/market/dates';
import { computeMetrics, computeReflectionQuality } from '../../core/metrics';
import { RunMetrics } from '../../core/engine/execute-backtest';
import { PaperSessionSpec } from '../../core/paper/paper-spec';
import { InputError, NotFoundError } from '../backtests/input.error';
import { runNotes } from '../../core/engine/trace-notes';
import { timelineOf } from '../backtests/run-timeline';
import type { LlmManifest } from '../llm/llm.service';
import { PaperRepository, PaperSessionRecord } from '../persistence/paper';
import type { RunRecord } from '../persistence/run-record';
import { renderRunReport, reportDataFromResult } from '../report';
import { SleeveRunner } from './sleeve-runner.service';
import { loadSleeves, marketInputsOf } from './stored-sleeves';

/**
 * The HTML report of a session so far, one per symbol: the same self-contained report as a
 * backtest, of the run the session's sleeve has made over the bars it processed. It is built by
 * running the sleeve again from what the session stored (an llm session from its recorded
 * exchanges alone, with no connection to the model), so it is exactly what the session traded.
 */
@Injectable()
export class PaperReports {
  constructor(
    private readonly repo: PaperRepository,
    private readonly sleeves: SleeveRunner,
  ) {}

  async render(id: string, symbol?: string): Promise<{ symbol: string; html: string }> {
    const session = await this.repo.getSession(id);
    if (!session) throw new NotFoundError(`no paper session with id ${id} (see "tradinggroup paper list")`);
    const chosen = symbol ?? session.symbols[0];
    if (!session.symbols.includes(chosen)) throw new InputError(`symbol: session ${id} trades ${session.symbols.join(', ')}, not ${chosen}`, 'symbol');
    const spec = PaperSessionSpec.parse(session.spec);
    const sleeve = (await loadSleeves(this.repo, id, [chosen])).get(chosen)!;
    if (sleeve.rows.length === sleeve.warmUp) throw new NotFoundError(`session ${id} has processed no bar of ${chosen} yet: no report`);
    const offline: LlmManifest | undefined = spec.mode === 'llm' ? { prompts: sleeve.pinned.prompts ?? {}, anonymization: null, prices: {} } : undefined;
    const { outcome, resolved } = await this.sleeves.run(
      id,
      spec,
      { symbol: chosen, rows: sleeve.rows, warmUp: sleeve.warmUp, inputs: marketInputsOf(sleeve), final: session.status === 'done' },
      { offline },
    );
    const result = outcome.result;
    const metrics: RunMetrics = { default: computeMetrics(result, { riskFreeRate: spec.riskFreeRate }) };
    if (result.memory.length > 0) metrics.reflection = computeReflectionQuality(result.memory, result.time[result.time.length >> 1]);
    const record = sleeveRecord(session, chosen, resolved.spec as unknown as Record<string, unknown>, { params: resolved.params, engine: resolved.engine, adjust: resolved.adjust }, isoDay(result.time[0]), isoDay(result.time[result.time.length - 1]));
    const notes = runNotes(sleeve.pinned.notes, result);
    if (session.status !== 'done') notes.unshift(`paper session ${session.status}: ${session.barsProcessed} bars so far; open orders stay open and positions are not closed`);
    const html = renderRunReport(reportDataFromResult(record, result, metrics, { notes, timeline: timelineOf(result.trace), orders: result.orders }));
    return { symbol: chosen, html };
  }
}

/** The run record a report's header reads, for a session's sleeve. */
function sleeveRecord(session: PaperSessionRecord, symbol: string, config: Record<string, unknown>, resolved: Record<string, unknown>, from: string, to: string): RunRecord {
  return {
    id: session.symbols.length === 1 ? session.id : `${session.id}/${symbol}`,
    kind: 'backtest',
    status: session.status,
    strategy: session.strategy,
    symbol,
    profile: 'default',
    mode: session.mode,
    fromDate: from,
    toDate: to,
    config,
    manifest: { resolved },
    metrics: null,
    timings: {},
    resultHash: null,
    error: session.statusReason,
    progress: 1,
    createdAt: session.createdAt,
  } as unknown as RunRecord;
}
