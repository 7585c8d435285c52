/**
 * What a language model was asked and answered for one agent at one decision of an llm run: the
 * prompt as sent (anonymized when the run was) and the answer the run used.
 */
export interface ModelExchange {
  agent: string;
  decidedAt: number;
  system: string;
  user: string;
  answer: string;
}

/** A run's model exchanges by agent and decision instant (see {@link exchangeKey}). */
export type ModelExchanges = ReadonlyMap<string, ModelExchange>;

export function exchangeKey(agent: string, decidedAt: number): string {
  return `${agent}@${decidedAt}`;
}

/** One recorded exchange as the store keeps it (the fields the synthesis reads). */
export interface StoredExchange {
  agent: string;
  decidedAt: number;
  attempt: 'first' | 'repair';
  outcome: 'answer' | 'unavailable';
  content: string | null;
  request: { messages: ReadonlyArray<{ role: string; content: string }> };
}

/**
 * The answer each agent's output came from: the repair's answer where there was one (a repair is
 * asked only after an invalid first answer), else the first. The prompt is the first request's
 * system and user messages. Exchanges without an answer are left out (their outputs are fallbacks).
 */
export function modelExchangesOf(records: readonly StoredExchange[]): ModelExchanges {
  const out = new Map<string, ModelExchange>();
  for (const r of records) {
    if (r.outcome !== 'answer' || r.content === null) continue;
    const key = exchangeKey(r.agent, r.decidedAt);
    if (out.has(key) && r.attempt === 'first') continue;
    const [system, user] = r.request.messages;
    out.set(key, { agent: r.agent, decidedAt: r.decidedAt, system: system.content, user: user.content, answer: r.content });
  }
  return out;
}
