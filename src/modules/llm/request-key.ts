import { createHash } from 'node:crypto';
import { canonicalize } from '../artifacts/canonical-json';
import type { LlmRequestBody } from '../persistence/llm-exchange-record';

const FORMAT = 'tradinggroup-llm-request-v1';
const schemaTexts = new WeakMap<object, string>();

/**
 * The key a request is recorded and found again by: SHA-256 of everything that decides the
 * answer (model, temperature, answer length, schema, messages). Each part is written in one fixed
 * way (the schema as canonical JSON, the messages as [role, content] pairs), so equal requests
 * have equal keys however their objects were built; a run's schemas are few and written once.
 */
export function requestKey(body: LlmRequestBody): string {
  let schema = schemaTexts.get(body.schema);
  if (schema === undefined) schemaTexts.set(body.schema, (schema = canonicalize(body.schema)));
  const messages = JSON.stringify(body.messages.map((m) => [m.role, m.content]));
  return createHash('sha256').update(`${FORMAT}\n${JSON.stringify([body.model, body.temperature, body.maxTokens])}\n${schema}\n${messages}`).digest('hex');
}
