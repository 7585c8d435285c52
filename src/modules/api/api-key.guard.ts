import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { apiKeyOf, ApiKeys, MUTATING_METHODS } from './api-keys';

/**
 * Mutating routes (POST, PUT, PATCH, DELETE) need a configured key in `X-API-Key`: a missing or
 * wrong key is a 401. Reads are open. With no key configured every route is open, and the
 * server refuses to listen beyond loopback (see `assertBindAllowed`).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeys) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!MUTATING_METHODS.has(req.method) || !this.keys.required) return true;
    const key = apiKeyOf(req.headers);
    if (this.keys.matches(key)) return true;
    throw new UnauthorizedException(key ? 'X-API-Key: not a valid API key' : 'X-API-Key: this route needs an API key');
  }
}
