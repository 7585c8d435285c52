import { costOf, ModelPrice } from './llm-prices';

/** The limits of one run; undefined: no limit. */
export interface BudgetLimits {
  maxCalls?: number;
  maxTokens?: number;
  maxCostUsd?: number;
}

/** A run reached a budget: the next request could exceed it, so it was not sent. */
export class BudgetExceededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceededError';
  }
}

/** What one request may spend at most, held from before it is sent until it is settled. */
export interface Reservation {
  tokens: number;
  costUsd: number;
}

/**
 * Calls, tokens and cost spent by a run, checked before every HTTP request against the request's
 * worst case: its prompt as if every byte were a token (no tokenizer reads fewer bytes per
 * token) plus the most tokens its answer may have. Requests in flight hold their worst case
 * until their usage is known, so concurrent requests can never together pass a limit, and no
 * more requests reach the server than `maxCalls`.
 */
export class LlmBudget {
  calls = 0;
  tokens = 0;
  costUsd = 0;
  private heldTokens = 0;
  private heldCost = 0;

  constructor(private readonly limits: BudgetLimits) {}

  /** Holds a request's worst case, or throws BudgetExceededError naming the budget. */
  reserve(promptBytes: number, maxAnswerTokens: number, price: ModelPrice | undefined): Reservation {
    const { maxCalls, maxTokens, maxCostUsd } = this.limits;
    const tokens = promptBytes + maxAnswerTokens;
    const costUsd = costOf(price, promptBytes, maxAnswerTokens);
    if (maxCalls !== undefined && this.calls + 1 > maxCalls) {
      throw new BudgetExceededError(`the call budget of ${maxCalls} requests is used up (--llm-max-calls)`);
    }
    if (maxTokens !== undefined && this.tokens + this.heldTokens + tokens > maxTokens) {
      throw new BudgetExceededError(
        `the token budget of ${maxTokens} would be exceeded: ${this.tokens} used, ${this.heldTokens} held by requests in flight, up to ${tokens} for the next (--llm-max-tokens)`,
      );
    }
    if (maxCostUsd !== undefined && this.costUsd + this.heldCost + costUsd > maxCostUsd) {
      throw new BudgetExceededError(
        `the cost budget of $${maxCostUsd} would be exceeded: $${this.costUsd.toFixed(4)} spent, up to $${(this.heldCost + costUsd).toFixed(4)} more in flight (--llm-max-cost)`,
      );
    }
    this.calls++;
    this.heldTokens += tokens;
    this.heldCost += costUsd;
    return { tokens, costUsd };
  }

  /** Replaces a request's worst case by what it used (the worst case when the server did not say). */
  settle(r: Reservation, used: { tokens: number; costUsd: number } | null): void {
    this.heldTokens -= r.tokens;
    this.heldCost -= r.costUsd;
    this.tokens += used?.tokens ?? r.tokens;
    this.costUsd += used?.costUsd ?? r.costUsd;
  }
}
