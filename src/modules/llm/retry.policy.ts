import { ProviderError } from './openai-chat.provider';

/** How often and how patiently a request is tried again. */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The first backoff in ms; each retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * The wait before retry `n` (0-based): exponential backoff with jitter (between half and all of
 * `base·2^n`, capped), never shorter than what the server asked for with Retry-After.
 */
export function retryDelay(policy: RetryPolicy, n: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n);
  const jittered = backoff * (0.5 + 0.5 * random());
  return Math.max(retryAfterMs ?? 0, jittered);
}

/** The result of trying: the value, or the last failure and how many attempts were made. */
export type Tried<T> = { ok: true; value: T; attempts: number } | { ok: false; error: ProviderError; attempts: number };

/**
 * Runs `attempt` until it succeeds, fails for good (a ProviderError that is not retryable, or
 * the retries are used up), or throws anything else (a budget, a cancelled run), which is passed
 * on. Waits are cut short by `signal`.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>, signal?: AbortSignal): Promise<Tried<T>> {
  for (let n = 0; ; n++) {
    try {
      return { ok: true, value: await attempt(), attempts: n + 1 };
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (!e.retryable || n >= policy.retries) return { ok: false, error: e, attempts: n + 1 };
      await sleep(retryDelay(policy, n, e.retryAfterMs), signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
