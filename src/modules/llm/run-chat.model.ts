import { ChatAnswer, ChatCall, ChatModel, ChatUnavailableError } from '../../core/ports/chat-model.port';
import { isoDay } from '../../core/market/dates';
import type { LlmRunOptions } from '../../core/engine/run-spec';
import { LlmExchangeRecord, LlmRequestBody, RecordedOutcome } from '../persistence/llm-exchange-record';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';
import { LlmBudget } from './llm-budget';
import { costOf, PriceTable } from './llm-prices';
import { ProviderReply } from './openai-chat.provider';
import { PriorityGate } from './priority-gate';
import { requestKey } from './request-key';
import { RetryPolicy, withRetries } from './retry.policy';

/** Sends one request to a model server (the OpenAI client, or anything that speaks like it). */
export interface ChatProvider {
  send(body: LlmRequestBody, signal?: AbortSignal): Promise<ProviderReply>;
}

/** A replay met a request its run never recorded. */
export class MissingExchangeError extends Error {
  constructor(call: ChatCall, key: string) {
    super(`no recorded exchange for the ${call.agent} agent on ${isoDay(call.decidedAt)} (${call.attempt} request ${key.slice(0, 12)}): the replay cannot answer it without the model`);
    this.name = 'MissingExchangeError';
  }
}

export interface RunChatModelOptions {
  runId: string;
  llm: LlmRunOptions;
  /** null: a replay, which makes no network connection at all. */
  provider: ChatProvider | null;
  exchanges: LlmExchangesRepository;
  /** What the run recorded before (a replay's whole record, or what a resumed run already asked). */
  recorded: readonly RecordedOutcome[];
  /**
   * Serve recorded failures as failures even with a provider (a paper session runs its earlier
   * bars again at every tick: each must get the outcome it got then). A resumed run asks them again.
   */
  replayFailures?: boolean;
  prices: PriceTable;
  retry: RetryPolicy;
  signal?: AbortSignal;
}

/**
 * The chat model of one llm-mode run. Each request is answered, in this order, from: the same
 * request earlier in the run (identical questions get one answer, so a replay is exact); the
 * run's own record (a replay, or a resumed run); with `cache: reuse`, the latest answer any run
 * recorded; else the model, through the concurrency gate, the budgets and the retry policy.
 * Every exchange that is not from the run's own record is stored with the run as it ends.
 */
export class RunChatModel implements ChatModel {
  readonly budget: LlmBudget;
  readonly gate: PriorityGate;
  private readonly answers = new Map<string, Promise<ChatAnswer>>();
  private readonly own = new Map<string, RecordedOutcome>();
  private seq: number;
  private writes: Promise<void> = Promise.resolve();
  private writeError: Error | null = null;

  constructor(private readonly o: RunChatModelOptions) {
    this.budget = new LlmBudget(o.llm);
    this.gate = new PriorityGate(o.llm.concurrency);
    this.seq = o.recorded.reduce((m, r) => Math.max(m, r.seq), -1) + 1;
    const replay = o.provider === null;
    // A replay serves failures too (it must reproduce the fallbacks); a resumed run asks those again.
    for (const r of o.recorded) if (replay || o.replayFailures || r.outcome === 'answer') this.own.set(r.requestKey, r);
  }

  complete(call: ChatCall): Promise<ChatAnswer> {
    const body: LlmRequestBody = { model: call.model ?? this.o.llm.model, temperature: call.temperature, maxTokens: call.maxTokens, messages: call.messages, schema: call.schema };
    const key = requestKey(body);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.answer(call, body, key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Waits for every exchange to be stored; throws if one could not be. */
  async flush(): Promise<void> {
    await this.writes;
    if (this.writeError) throw this.writeError;
  }

  private async answer(call: ChatCall, body: LlmRequestBody, key: string): Promise<ChatAnswer> {
    const own = this.own.get(key);
    if (own) return fromRecord(own);
    if (this.o.provider === null) throw new MissingExchangeError(call, key);
    if (this.o.llm.cache === 'reuse') {
      const cached = await this.o.exchanges.latestAnswer(key);
      if (cached) {
        this.store(call, body, key, { outcome: 'answer', content: cached.content, error: null, promptTokens: 0, completionTokens: 0, costUsd: 0, latencyMs: 0, requests: 0, source: 'cache' });
        return fromRecord(cached);
      }
    }
    return this.ask(call, body, key, this.o.provider);
  }

  private async ask(call: ChatCall, body: LlmRequestBody, key: string, provider: ChatProvider): Promise<ChatAnswer> {
    const { signal } = this.o;
    const release = await this.gate.acquire(call.decidedAt, signal);
    const price = this.o.prices[body.model];
    const promptBytes = Buffer.byteLength(JSON.stringify(body.messages), 'utf8');
    const started = performance.now();
    let usage = { promptTokens: 0, completionTokens: 0 };
    try {
      const tried = await withRetries(
        this.o.retry,
        async () => {
          const held = this.budget.reserve(promptBytes, body.maxTokens, price);
          try {
            const reply = await provider.send(body, signal);
            const known = reply.promptTokens !== null && reply.completionTokens !== null;
            if (known) usage = { promptTokens: reply.promptTokens!, completionTokens: reply.completionTokens! };
            this.budget.settle(held, known ? { tokens: usage.promptTokens + usage.completionTokens, costUsd: costOf(price, usage.promptTokens, usage.completionTokens) } : null);
            return reply;
          } catch (e) {
            // A request that failed is counted as a call; what it consumed, if anything, is not known.
            this.budget.settle(held, { tokens: 0, costUsd: 0 });
            throw e;
          }
        },
        signal,
      );
      const latencyMs = performance.now() - started;
      const spent = { ...usage, costUsd: costOf(price, usage.promptTokens, usage.completionTokens), latencyMs, requests: tried.attempts, source: 'live' as const };
      if (tried.ok) {
        this.store(call, body, key, { outcome: 'answer', content: tried.value.content, error: null, ...spent });
        return { content: tried.value.content };
      }
      const error = `${tried.error.message} (after ${tried.attempts} attempt${tried.attempts === 1 ? '' : 's'})`;
      this.store(call, body, key, { outcome: 'unavailable', content: null, error, ...spent });
      throw new ChatUnavailableError(error);
    } finally {
      release();
    }
  }

  private store(call: ChatCall, body: LlmRequestBody, key: string, result: Omit<LlmExchangeRecord, 'runId' | 'seq' | 'requestKey' | 'agent' | 'decidedAt' | 'attempt' | 'request' | 'shows' | 'createdAt'>): void {
    const record: LlmExchangeRecord = {
      runId: this.o.runId,
      seq: this.seq++,
      requestKey: key,
      agent: call.agent,
      decidedAt: call.decidedAt,
      attempt: call.attempt,
      request: body,
      shows: [...new Set(call.shows)].sort((a, b) => a - b),
      createdAt: new Date().toISOString(),
      ...result,
    };
    this.writes = this.writes.then(() =>
      this.o.exchanges.append([record]).catch((e: Error) => {
        this.writeError ??= new Error(`could not store an llm exchange of run ${this.o.runId}: ${e.message}`);
      }),
    );
  }
}

function fromRecord(r: Pick<RecordedOutcome, 'outcome' | 'content' | 'error'>): ChatAnswer {
  if (r.outcome === 'answer') return { content: r.content ?? '' };
  throw new ChatUnavailableError(r.error ?? 'the model gave no answer');
}
