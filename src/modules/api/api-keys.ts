import { createHash, timingSafeEqual } from 'node:crypto';

/** HTTP methods that change state and so need a key and count against the rate limit. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The configured API keys, compared in constant time: both sides are hashed to SHA-256 first
 * (so the length of a key does not leak) and every key is compared, whatever matched.
 */
export class ApiKeys {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  /** True when keys are configured (mutating routes then need one). */
  get required(): boolean {
    return this.digests.length > 0;
  }

  /** True when `candidate` is one of the keys. */
  matches(candidate: string | undefined): boolean {
    if (candidate === undefined || candidate === '') return false;
    const d = digest(candidate);
    let found = false;
    for (const key of this.digests) found = timingSafeEqual(key, d) || found;
    return found;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The `X-API-Key` header of a request (the first one when repeated). */
export function apiKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['x-api-key'];
  return Array.isArray(value) ? value[0] : value;
}
