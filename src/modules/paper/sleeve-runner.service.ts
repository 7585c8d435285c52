import { Injectable } from '@nestjs/common';
import { setMaxListeners } from 'node:events';
import { ResolvedRun } from '../../core/engine/execute-backtest';
import { isoDay } from '../../core/market/dates';
import { BarRow, seriesFromRows } from '../../core/market/bar-series';
import { MarketInputs } from '../../core/market/market-inputs';
import { runSleeve, SleeveOutcome } from '../../core/paper/paper-kernel';
import { PaperSessionSpec } from '../../core/paper/paper-spec';
import { sleeveRunSpec } from '../../core/paper/sleeve-spec';
import { BacktestService } from '../backtests/backtest.service';
import { LlmManifest, LlmService } from '../llm/llm.service';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';
import { loadPrompts, PromptFileInfo } from '../llm/prompt-files';
import { SessionDivergedError } from '../../core/paper/sleeve-step';

/** A sleeve as a tick (or a report) hands it to the kernel. */
export interface SleeveInput {
  symbol: string;
  /** Warm-up bars, then the session's bars up to the newest. */
  rows: readonly BarRow[];
  warmUp: number;
  inputs: MarketInputs;
  /** The newest bar is the session's last. */
  final: boolean;
}

/**
 * Runs a session's sleeve through the paper kernel: resolves its backtest spec (the same
 * validation as a backtest), and for an llm session gives it the session's chat model. Live, the
 * model is asked what the session's record does not hold (every exchange is recorded under the
 * session's id, failures included, so earlier bars get the answers they got); offline (a report),
 * the record alone answers and no connection is made.
 */
@Injectable()
export class SleeveRunner {
  constructor(
    private readonly backtests: BacktestService,
    private readonly llm: LlmService,
    private readonly exchanges: LlmExchangesRepository,
  ) {}

  /** The backtest a sleeve trades as over its first..newest bar (an InputError names a bad field). */
  resolve(spec: PaperSessionSpec, symbol: string, from: number, to: number): ResolvedRun {
    return this.backtests.validate(sleeveRunSpec(spec, symbol, isoDay(from), isoDay(to)));
  }

  /**
   * `prompts`: the prompt templates the session started with; a live tick refuses templates that
   * changed since (the earlier bars' questions would no longer be found in the session's record).
   */
  async run(
    sessionId: string,
    spec: PaperSessionSpec,
    sleeve: SleeveInput,
    options: { offline?: LlmManifest; prompts?: Record<string, PromptFileInfo>; signal?: AbortSignal } = {},
  ): Promise<{ outcome: SleeveOutcome; resolved: ResolvedRun }> {
    const bars = seriesFromRows(sleeve.symbol, sleeve.rows as BarRow[]);
    const resolved = this.resolve(spec, sleeve.symbol, bars.time[sleeve.warmUp], bars.time[bars.length - 1]);
    const base = { resolved, bars, startBar: sleeve.warmUp, inputs: sleeve.inputs, final: sleeve.final };
    if (resolved.spec.mode !== 'llm') return { outcome: await runSleeve(base), resolved };
    if (!options.offline && options.prompts) assertSamePrompts(sessionId, options.prompts, loadPrompts().files);
    const calls = new AbortController();
    setMaxListeners(0, calls.signal);
    const onAbort = () => calls.abort(options.signal!.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const prepared = await this.llm.prepare(sessionId, resolved.spec, resolved.params, bars, sleeve.inputs.aliases, {
        signal: calls.signal,
        replayOf: options.offline,
        replayFailures: true,
      });
      // Budgets hold for the whole session: what earlier ticks spent counts.
      const spent = await this.exchanges.usage(sessionId);
      const budget = prepared.chat.budget;
      for (const a of spent) {
        budget.calls += a.liveCalls;
        budget.tokens += a.promptTokens + a.completionTokens;
        budget.costUsd += a.costUsd;
      }
      try {
        return { outcome: await runSleeve({ ...base, llm: prepared.runtime }), resolved };
      } finally {
        calls.abort(new Error(`the tick of session ${sessionId} ended`));
        await prepared.chat.flush();
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function assertSamePrompts(sessionId: string, started: Record<string, PromptFileInfo>, now: Record<string, PromptFileInfo>): void {
  for (const [agent, info] of Object.entries(started)) {
    if (now[agent]?.sha256 !== info.sha256) {
      throw new SessionDivergedError(`the ${agent} prompt template changed since session ${sessionId} started (sha256 ${info.sha256.slice(0, 12)}, now ${now[agent]?.sha256.slice(0, 12) ?? 'missing'}): restore ${info.file} to go on`);
    }
  }
}
