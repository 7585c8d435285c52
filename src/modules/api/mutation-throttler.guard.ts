import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { apiKeyOf, ApiKeys, MUTATING_METHODS } from './api-keys';

/**
 * Rate limit on mutating routes only (reads are not limited): one budget shared by all of them.
 * A request with a valid API key counts against that key; any other request against its client
 * IP, so guessing keys is limited too. Over the limit: 429 with a `Retry-After` header.
 */
@Injectable()
export class MutationThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly keys: ApiKeys,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ method: string }>();
    return !MUTATING_METHODS.has(req.method);
  }

  /** One budget per key (or address) across all mutating routes, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const key = apiKeyOf(req.headers ?? {});
    if (key && this.keys.matches(key)) return `key:${key}`;
    return `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
  }
}
