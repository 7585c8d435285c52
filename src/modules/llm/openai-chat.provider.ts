import type OpenAI from 'openai';
import type { LlmRequestBody } from '../persistence/llm-exchange-record';

/** The `openai` package, loaded by the first provider: most commands never talk to a model. */
let sdk: typeof import('openai') | undefined;
function openaiSdk(): typeof import('openai') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (sdk ??= require('openai') as typeof import('openai'));
}

/** What a chat-completions server answered to one HTTP request. */
export interface ProviderReply {
  content: string;
  /** null when the server reported no usage. */
  promptTokens: number | null;
  completionTokens: number | null;
  finishReason: string | null;
}

/** Why one HTTP request gave no answer, and whether trying again may help. */
export class ProviderError extends Error {
  constructor(
    message: string,
    /** Timeouts, connection failures, 429 and 5xx are worth another attempt; other 4xx are not. */
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** What the server asked to wait (Retry-After), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/**
 * One OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp server,
 * DeepSeek ...) through the official `openai` client. The client's own retries are off: the
 * caller retries, so that every HTTP request is counted against the run's budgets.
 */
export class OpenAiChatProvider {
  private readonly client: OpenAI;

  constructor(baseUrl: string, apiKey: string | undefined, timeoutMs: number) {
    // Local servers need no key, but the client insists on one.
    this.client = new (openaiSdk().OpenAI)({ baseURL: baseUrl, apiKey: apiKey || 'none', maxRetries: 0, timeout: timeoutMs });
  }

  /** Sends one request: the answer must follow `body.schema` (OpenAI structured outputs, strict). */
  async send(body: LlmRequestBody, signal?: AbortSignal): Promise<ProviderReply> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model: body.model,
          messages: body.messages,
          temperature: body.temperature,
          max_tokens: body.maxTokens,
          response_format: { type: 'json_schema', json_schema: { name: body.schema.name, strict: true, schema: body.schema.schema } },
        },
        { signal },
      );
    } catch (e) {
      throw asProviderError(e, signal);
    }
    const choice = completion.choices?.[0];
    const message = choice?.message;
    if (!message) throw new ProviderError('the server answered without a message', true);
    if (message.refusal) throw new ProviderError(`the model refused: ${message.refusal}`, false);
    return {
      content: message.content ?? '',
      promptTokens: completion.usage?.prompt_tokens ?? null,
      completionTokens: completion.usage?.completion_tokens ?? null,
      finishReason: choice.finish_reason ?? null,
    };
  }
}

function asProviderError(e: unknown, signal?: AbortSignal): Error {
  const { APIConnectionTimeoutError, APIError, APIUserAbortError } = openaiSdk();
  if (e instanceof APIUserAbortError || signal?.aborted) return signal?.reason instanceof Error ? signal.reason : new Error('the run was cancelled');
  if (e instanceof APIConnectionTimeoutError) return new ProviderError('timed out', true);
  if (e instanceof APIError) {
    const status = e.status ?? null;
    if (status === null) return new ProviderError(`connection failed (${e.message})`, true);
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new ProviderError(`HTTP ${status}: ${briefly(e.message)}`, retryable, status, retryAfterMs(e.headers));
  }
  return new ProviderError(`request failed (${(e as Error)?.message ?? String(e)})`, true);
}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in ms. */
function retryAfterMs(headers: Headers | undefined): number | null {
  if (!headers || typeof headers.get !== 'function') return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function briefly(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
