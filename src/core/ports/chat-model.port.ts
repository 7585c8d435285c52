import type { ChatMessage } from '../synthesis/prompts/prompt-text.format';

export type { ChatMessage };

/** The agents that may ask a language model, reflection included. */
export type LlmAgentName = 'news' | 'report' | 'forecast' | 'style' | 'decision' | 'reflection';

export const LLM_AGENTS: readonly LlmAgentName[] = ['news', 'report', 'forecast', 'style', 'decision', 'reflection'];

/** A JSON Schema an answer must follow, sent as an OpenAI structured-output `response_format`. */
export interface AnswerSchema {
  /** `^[a-zA-Z0-9_-]+$`, at most 64 characters. */
  name: string;
  schema: Record<string, unknown>;
}

/**
 * One request of an agent to a chat model. Everything that decides the answer is in it (model,
 * sampling settings, messages, schema), so a recorded answer can be found again by its content.
 */
export interface ChatCall {
  agent: LlmAgentName;
  /** The decision instant the call serves (epoch ms UTC): its prompt shows nothing published later. */
  decidedAt: number;
  /** The publication instants of everything the prompt shows (each <= `decidedAt`). */
  shows: readonly number[];
  /** `first` for an agent's question, `repair` for the follow-up after an invalid answer. */
  attempt: 'first' | 'repair';
  /** The model to ask; undefined: the run's model. */
  model: string | undefined;
  temperature: number;
  /** Upper bound of the answer's length in tokens. */
  maxTokens: number;
  messages: ChatMessage[];
  schema: AnswerSchema;
}

/** A model's answer: the text of its message. */
export interface ChatAnswer {
  content: string;
}

/**
 * A chat model as the agents see it. The shells implement it (a provider client with retries,
 * budgets and a record of every exchange, or a replay of such a record).
 *
 * `complete` rejects with {@link ChatUnavailableError} when the model could not answer this
 * request (the agent then falls back to its analytic output and says so); any other rejection
 * (a budget reached, the run cancelled, a recorded answer missing in a replay) ends the run.
 */
export interface ChatModel {
  complete(call: ChatCall): Promise<ChatAnswer>;
}

/** The model gave no answer to one request after the retries its client allows. */
export class ChatUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatUnavailableError';
  }
}
