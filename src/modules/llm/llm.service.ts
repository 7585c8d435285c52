import { Injectable } from '@nestjs/common';
import { anonymizationFor, Anonymization, Anonymizer, PLAIN } from '../../core/agents/llm/anonymizer';
import { LlmRuntime } from '../../core/agents/llm/llm-runtime';
import { LlmRunOptions, RunSpec } from '../../core/engine/run-spec';
import { BarSeries } from '../../core/market/bar-series';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';
import { loadPrices, PriceTable } from './llm-prices';
import { llmApiKey } from './llm-options';
import { LlmUsageSummary, summarizeUsage } from './llm-usage';
import { OpenAiChatProvider } from './openai-chat.provider';
import { loadPrompts, PromptFileInfo } from './prompt-files';
import { DEFAULT_RETRY_POLICY } from './retry.policy';
import { RunChatModel } from './run-chat.model';

/** What an llm run's manifest records beside its spec: the prompts, the anonymization, the prices used. */
export interface LlmManifest {
  prompts: Record<string, PromptFileInfo>;
  anonymization: Anonymization | null;
  /** The price per model of the run's models when it ran (null: none known, cost counted as 0). */
  prices: Record<string, { input: number; output: number } | null>;
  /** Decisions per agent that fell back to the analytic output (set when the run finished). */
  fallbacks?: Record<string, number>;
}

/** An llm run ready to execute: the strategy's runtime, the chat model to flush, what the manifest keeps. */
export interface PreparedLlmRun {
  runtime: LlmRuntime;
  chat: RunChatModel;
  manifest: LlmManifest;
}

/**
 * The llm mode's shell: builds the chat model and prompts of a run (live, resumed or replayed),
 * and answers what is asked about recorded exchanges.
 */
@Injectable()
export class LlmService {
  constructor(private readonly exchanges: LlmExchangesRepository) {}

  /**
   * The runtime of an llm run. A replay (`recorded` given) makes no network connection and
   * checks that the prompt templates are those the run used.
   */
  async prepare(runId: string, spec: RunSpec, params: Record<string, unknown>, series: BarSeries, aliases: readonly string[], options: { signal?: AbortSignal; replayOf?: LlmManifest; replayFailures?: boolean } = {}): Promise<PreparedLlmRun> {
    const llm = spec.llm as LlmRunOptions;
    const prompts = loadPrompts();
    if (options.replayOf) assertSamePrompts(runId, options.replayOf.prompts, prompts.files);
    const prices = loadPrices();
    const models = modelsOf(llm, params);
    if (llm.maxCostUsd !== undefined) {
      const unpriced = models.filter((m) => !prices[m]);
      if (unpriced.length > 0) throw new Error(`--llm-max-cost needs a price for ${unpriced.join(', ')}: add it to a price file named by TRADINGGROUP_LLM_PRICES`);
    }
    const anonymization = llm.anonymize ? anonymizationFor(series.symbol, aliases, series.close[0], spec.seed) : null;
    const recorded = await this.exchanges.outcomesForRun(runId);
    const chat = new RunChatModel({
      runId,
      llm,
      provider: options.replayOf ? null : new OpenAiChatProvider(llm.baseUrl, llmApiKey(), llm.timeoutMs),
      exchanges: this.exchanges,
      recorded,
      replayFailures: options.replayFailures,
      prices,
      retry: { ...DEFAULT_RETRY_POLICY, retries: llm.retries },
      signal: options.signal,
    });
    return {
      runtime: { chat, templates: prompts.templates, anonymizer: anonymization ? new Anonymizer(anonymization) : PLAIN },
      chat,
      manifest: { prompts: prompts.files, anonymization, prices: Object.fromEntries(models.map((m) => [m, prices[m] ?? null])) },
    };
  }

  /** Calls, tokens, cost and fallbacks of a run (fallbacks from its manifest when it finished). */
  async usage(runId: string, manifest: { llm?: LlmManifest } | null): Promise<LlmUsageSummary> {
    return summarizeUsage(await this.exchanges.usage(runId), manifest?.llm?.fallbacks ?? null);
  }

  prices(): PriceTable {
    return loadPrices();
  }
}

/** The run's model and every model the strategy file gives an agent. */
function modelsOf(llm: LlmRunOptions, params: Record<string, unknown>): string[] {
  const agents = ((params.llm as { agents?: Record<string, { model?: string }> } | undefined)?.agents ?? {}) as Record<string, { model?: string }>;
  return [...new Set([llm.model, ...Object.values(agents).map((a) => a.model).filter((m): m is string => !!m)])];
}

function assertSamePrompts(runId: string, recorded: Record<string, PromptFileInfo>, now: Record<string, PromptFileInfo>): void {
  for (const [agent, info] of Object.entries(recorded)) {
    const current = now[agent];
    if (!current || current.sha256 !== info.sha256) {
      throw new Error(`the ${agent} prompt template changed since run ${runId} (sha256 ${info.sha256.slice(0, 12)}, now ${current?.sha256.slice(0, 12) ?? 'missing'}): restore ${info.file} to replay it`);
    }
  }
}
