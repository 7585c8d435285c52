import { validateJsonSchema } from '../../core/synthesis/json-schema.validator';
import { answerSchema } from '../../core/agents/llm/llm-output';
import { OpenAiChatProvider, ProviderError } from './openai-chat.provider';

/** What `llm check` found out about an endpoint with one structured request. */
export interface LlmCheckResult {
  baseUrl: string;
  model: string;
  ok: boolean;
  latencyMs: number;
  /** The answer followed the JSON Schema sent as the structured-output format. */
  followsSchema: boolean | null;
  promptTokens: number | null;
  completionTokens: number | null;
  answer: string | null;
  error: string | null;
}

const CHECK_SCHEMA = answerSchema('check', {
  sum: { type: 'integer', description: 'the sum asked for' },
  word: { type: 'string', enum: ['ready'] },
});

/** Sends one small structured request (no retries) and reports latency, schema support and usage. */
export async function checkEndpoint(baseUrl: string, model: string, apiKey: string | undefined, timeoutMs: number): Promise<LlmCheckResult> {
  const provider = new OpenAiChatProvider(baseUrl, apiKey, timeoutMs);
  const started = performance.now();
  const base = { baseUrl, model };
  try {
    const reply = await provider.send({
      model,
      temperature: 0,
      maxTokens: 64,
      messages: [
        { role: 'system', content: 'Answer with one JSON object and nothing else: {"sum": integer, "word": "ready"}.' },
        { role: 'user', content: 'What is 17 + 25?' },
      ],
      schema: CHECK_SCHEMA,
    });
    const latencyMs = performance.now() - started;
    let followsSchema = false;
    try {
      const value = JSON.parse(reply.content) as { sum?: number };
      followsSchema = validateJsonSchema(value, CHECK_SCHEMA.schema).length === 0;
    } catch {
      followsSchema = false;
    }
    return { ...base, ok: true, latencyMs, followsSchema, promptTokens: reply.promptTokens, completionTokens: reply.completionTokens, answer: reply.content, error: null };
  } catch (e) {
    const latencyMs = performance.now() - started;
    const error = e instanceof ProviderError ? e.message : (e as Error).message;
    return { ...base, ok: false, latencyMs, followsSchema: null, promptTokens: null, completionTokens: null, answer: null, error };
  }
}
