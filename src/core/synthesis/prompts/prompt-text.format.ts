/** Shared pieces of the agents' prompts: message types and deterministic number formatting. */

/** One chat message in the OpenAI-compatible format. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a prompt builder returns: the agent's system prompt and the user message of one decision. */
export interface AgentPrompt {
  system: string;
  user: string;
}

/** Shown for a value the agent did not have (null, NaN). */
export const NOT_AVAILABLE = 'n/a';

/** True for a finite number. */
export function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A fraction as a percentage with a sign, e.g. `+1.25%`; `n/a` when missing. */
export function signedPercent(x: number | null | undefined, digits = 2): string {
  if (!isNumber(x)) return NOT_AVAILABLE;
  const text = (x * 100).toFixed(digits);
  return `${x >= 0 && !text.startsWith('-') ? '+' : ''}${text}%`;
}

/** A fraction as a percentage without a forced sign, e.g. `1.25%`. */
export function percent(x: number | null | undefined, digits = 2): string {
  return isNumber(x) ? `${(x * 100).toFixed(digits)}%` : NOT_AVAILABLE;
}

/** A number with fixed decimals and a sign, e.g. `+0.23`. */
export function signed(x: number | null | undefined, digits = 2): string {
  if (!isNumber(x)) return NOT_AVAILABLE;
  const text = x.toFixed(digits);
  return x >= 0 && !text.startsWith('-') ? `+${text}` : text;
}

/** A number with fixed decimals, e.g. `43.34`. */
export function fixed(x: number | null | undefined, digits = 2): string {
  return isNumber(x) ? x.toFixed(digits) : NOT_AVAILABLE;
}

/** Rounds for an assistant message: numbers an LLM is asked to write are short. */
export function rounded(x: number | null | undefined, digits = 4): number | null {
  if (!isNumber(x)) return null;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** An instant as `YYYY-MM-DD HH:MM UTC`. */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** An instant's UTC day `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Joins non-empty sections with a blank line between them. */
export function sections(...parts: Array<string | string[] | null>): string {
  return parts
    .filter((p): p is string | string[] => p !== null && p.length > 0)
    .map((p) => (Array.isArray(p) ? p.join('\n') : p))
    .join('\n\n');
}

/** What every prompt input shares: the ticker, the bar's day and the decision instant. */
export interface PromptContext {
  symbol: string;
  /** The bar's ISO day `YYYY-MM-DD`. */
  date: string;
  /** Decision instant (the session close), epoch ms UTC. Nothing later may enter the prompt. */
  decidedAt: number;
}

/** The header every user message starts with: symbol, day and decision instant. */
export function decisionHeader(ctx: PromptContext): string {
  return `Symbol: ${ctx.symbol}\nDate: ${ctx.date} (decision at the session close, ${utcMinute(ctx.decidedAt)})`;
}

/** The position at the decision, as far as the trace tells it. */
export interface PositionView {
  state: 'flat' | 'long' | 'unknown';
  /** Unrealised return of the open position (a fraction), or null. */
  unrealizedReturn: number | null;
}

/** A position in words, e.g. `long, unrealised return -2.26%`. */
export function positionText(p: PositionView): string {
  if (p.state === 'flat') return 'flat (no shares held)';
  if (p.state === 'long') return p.unrealizedReturn === null ? 'long' : `long, unrealised return ${signedPercent(p.unrealizedReturn)}`;
  return 'unknown';
}
