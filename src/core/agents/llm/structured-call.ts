import { ChatCall, ChatModel, ChatUnavailableError } from '../../ports/chat-model.port';
import { validateJsonSchema } from '../../synthesis/json-schema.validator';
import { JsonSchema } from '../../synthesis/synthesis.schema';
import { assertPointInTime } from './look-ahead.error';

/** An answer read and checked: the agent's value, or why none could be had. */
export type StructuredResult<T> = { ok: true; value: T; content: string } | { ok: false; reason: string };

/**
 * Checks a decoded answer beyond its JSON Schema (ranges, sums) and turns it into the agent's
 * value; throws an Error whose message says what is wrong.
 */
export type AnswerReader<T> = (value: unknown) => T;

/**
 * Asks the model, checks the answer against the call's schema and `read`, and asks once more
 * with the problems named when the answer is not valid. Refuses (throws) a call whose prompt
 * shows anything published after its decision. When the model cannot answer or the repaired
 * answer is still invalid, the result says why: the agent then uses its analytic output.
 */
export async function askStructured<T>(chat: ChatModel, call: Omit<ChatCall, 'attempt'>, read: AnswerReader<T>): Promise<StructuredResult<T>> {
  assertPointInTime(call.agent, call.decidedAt, call.shows);
  const first = await attempt(chat, { ...call, attempt: 'first' }, read);
  if (first.ok || first.unavailable) return strip(first);
  const repair: ChatCall = {
    ...call,
    attempt: 'repair',
    messages: [
      ...call.messages,
      { role: 'assistant', content: first.content },
      { role: 'user', content: `Your answer is not valid: ${first.reason}. Answer again with one JSON object that follows the schema, and nothing else.` },
    ],
  };
  const second = await attempt(chat, repair, read);
  if (second.ok) return strip(second);
  return { ok: false, reason: second.unavailable ? second.reason : `invalid answer after one repair request: ${second.reason}` };
}

type Attempt<T> = { ok: true; value: T; content: string } | { ok: false; unavailable: boolean; reason: string; content: string };

async function attempt<T>(chat: ChatModel, call: ChatCall, read: AnswerReader<T>): Promise<Attempt<T>> {
  let content: string;
  try {
    content = (await chat.complete(call)).content;
  } catch (e) {
    if (e instanceof ChatUnavailableError) return { ok: false, unavailable: true, reason: e.message, content: '' };
    throw e;
  }
  const problem = (reason: string): Attempt<T> => ({ ok: false, unavailable: false, reason, content });
  let value: unknown;
  try {
    value = JSON.parse(unfence(content));
  } catch (e) {
    return problem(`not JSON (${(e as Error).message})`);
  }
  const errors = validateJsonSchema(value, call.schema.schema as JsonSchema);
  if (errors.length > 0) return problem(`does not follow the schema (${errors.slice(0, 5).join('; ')})`);
  try {
    return { ok: true, value: read(value), content };
  } catch (e) {
    return problem((e as Error).message);
  }
}

function strip<T>(a: Attempt<T>): StructuredResult<T> {
  return a.ok ? a : { ok: false, reason: a.reason };
}

/** The JSON inside one surrounding Markdown code fence, which some servers add despite the schema. */
function unfence(content: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(content);
  return m ? m[1] : content;
}
