import { createHash } from 'node:crypto';
import { canonicalize } from '../artifacts/canonical-json';
import type { LlmRequestBody } from '../persistence/llm-exchange-record';

/**
 * The key a request is recorded and found again by: SHA-256 of the canonical JSON of everything
 * that decides the answer (model, temperature, answer length, messages, schema).
 */
export function requestKey(body: LlmRequestBody): string {
  return createHash('sha256').update(canonicalize(body)).digest('hex');
}
