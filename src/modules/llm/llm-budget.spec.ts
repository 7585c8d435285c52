import { BudgetExceededError, LlmBudget } from './llm-budget';

describe('llm budgets', () => {
  it('refuses the request past the call budget, naming it', () => {
    const b = new LlmBudget({ maxCalls: 2 });
    b.settle(b.reserve(10, 10, undefined), { tokens: 5, costUsd: 0 });
    b.reserve(10, 10, undefined);
    expect(() => b.reserve(10, 10, undefined)).toThrow(new BudgetExceededError('the call budget of 2 requests is used up (--llm-max-calls)'));
    expect(b.calls).toBe(2);
  });

  it('counts the worst case of requests in flight against the token budget until they settle', () => {
    const b = new LlmBudget({ maxTokens: 1000 });
    const first = b.reserve(400, 100, undefined);
    expect(() => b.reserve(400, 100, undefined)).not.toThrow();
    expect(() => b.reserve(1, 1, undefined)).toThrow(/token budget of 1000 would be exceeded/);
    b.settle(first, { tokens: 120, costUsd: 0 });
    expect(() => b.reserve(300, 50, undefined)).not.toThrow();
    expect(b.tokens).toBe(120);
  });

  it('prices the worst case for the cost budget and keeps the worst case when usage is unknown', () => {
    const price = { input: 1_000_000, output: 2_000_000 }; // $1 per input token, $2 per output token
    const b = new LlmBudget({ maxCostUsd: 100 });
    const r = b.reserve(40, 10, price); // $60 at worst
    expect(() => b.reserve(30, 6, price)).toThrow(/cost budget of \$100 would be exceeded/);
    b.settle(r, null);
    expect(b.costUsd).toBe(60);
  });
});
