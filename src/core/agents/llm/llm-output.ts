import { AgentName, AgentOutput, output, OutputFlag, Provenance } from '../agent';
import { AnswerSchema } from '../../ports/chat-model.port';

/**
 * The analytic output used in place of a model's answer, flagged `fallback`, its rationale
 * starting with why: the trace, the report and `runs show` count and show these.
 */
export function fallbackOutput<T>(analytic: AgentOutput<T>, reason: string): AgentOutput<T> {
  const flags: OutputFlag[] = analytic.flags.includes('fallback') ? analytic.flags : [...analytic.flags, 'fallback'];
  return output(analytic.agent, analytic.data, `fallback to the analytic agent (${reason}): ${analytic.rationale}`, analytic.provenance, flags);
}

/** The prefix of a fallback output's rationale (what `fallbackReason` reads). */
export const FALLBACK_PREFIX = 'fallback to the analytic agent (';

/** A model's output: its data and its own rationale. */
export function modelOutput<T>(agent: AgentName, data: T, rationale: string, provenance: Provenance[], flags: OutputFlag[] = []): AgentOutput<T> {
  return output(agent, data, rationale, provenance, flags);
}

/**
 * A strict structured-output schema: an object whose properties are all required and nothing
 * else allowed (what OpenAI's `strict: true` demands). Ranges are stated in descriptions and
 * checked by the agent's reader, since not every server accepts numeric bounds.
 */
export function answerSchema(name: string, properties: Record<string, Record<string, unknown>>): AnswerSchema {
  return { name, schema: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false } };
}

/** A number in [lo, hi] read from an answer, or an error naming the field. */
export function numberIn(value: unknown, field: string, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} must be a number`);
  if (value < lo || value > hi) throw new Error(`${field} must be in [${lo}, ${hi}], got ${value}`);
  return value;
}

/** A non-empty text read from an answer, trimmed and cut to `max` characters. */
export function textOf(value: unknown, field: string, max = 1000): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new Error(`${field} must be a non-empty string`);
  const t = value.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A text on one line, cut to `chars` characters. */
export function clip(text: string, chars: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > chars ? `${t.slice(0, chars - 1)}…` : t;
}
