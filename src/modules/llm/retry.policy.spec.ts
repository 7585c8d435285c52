import { ProviderError } from './openai-chat.provider';
import { retryDelay, withRetries } from './retry.policy';

const POLICY = { retries: 3, baseDelayMs: 1, maxDelayMs: 4 };

describe('the retry policy', () => {
  it('backs off exponentially with jitter between half and all of the step, capped, never under Retry-After', () => {
    const p = { retries: 9, baseDelayMs: 500, maxDelayMs: 30_000 };
    expect(retryDelay(p, 0, null, () => 0)).toBe(250);
    expect(retryDelay(p, 0, null, () => 1)).toBe(500);
    expect(retryDelay(p, 3, null, () => 1)).toBe(4000);
    expect(retryDelay(p, 10, null, () => 1)).toBe(30_000);
    expect(retryDelay(p, 0, 2000, () => 1)).toBe(2000);
  });

  it('tries again after retryable failures, not after others, and passes on anything else', async () => {
    let n = 0;
    const flaky = await withRetries(POLICY, async () => {
      if (++n < 3) throw new ProviderError('HTTP 503', true, 503);
      return 'ok';
    });
    expect(flaky).toEqual({ ok: true, value: 'ok', attempts: 3 });
    const refused = await withRetries(POLICY, async () => {
      throw new ProviderError('HTTP 400', false, 400);
    });
    expect(refused).toMatchObject({ ok: false, attempts: 1 });
    const down = await withRetries(POLICY, async () => {
      throw new ProviderError('timed out', true);
    });
    expect(down).toMatchObject({ ok: false, attempts: 4 });
    await expect(withRetries(POLICY, async () => Promise.reject(new Error('budget')))).rejects.toThrow('budget');
  });
});
