import { availableParallelism } from 'node:os';
import { LOG_LEVELS, LogLevelName } from './api-logging';

/** DI token of the {@link ApiConfig}. */
export const API_CONFIG = 'API_CONFIG';

/** Settings of the HTTP API, from the environment. */
export interface ApiConfig {
  /** Keys accepted in `X-API-Key` on mutating routes; empty = mutating routes are open (loopback only). */
  apiKeys: string[];
  /** Mutating requests allowed per key (or per client IP without a key) in each `rateWindowMs`. */
  rateLimit: number;
  rateWindowMs: number;
  /** Runs executing at once in worker threads. */
  maxWorkers: number;
  /** `GET /health` reports the disk down below this many free bytes in the data directory. */
  minFreeDiskBytes: number;
  /** Least severe level logged (`LOG_LEVEL`, default `info`). */
  logLevel: LogLevelName;
}

/**
 * Reads the API settings: `TRADINGGROUP_API_KEYS` (comma-separated), `TRADINGGROUP_RATE_LIMIT`
 * (default 30) per `TRADINGGROUP_RATE_WINDOW_S` seconds (default 60), `TRADINGGROUP_WORKERS`
 * (default cores − 1, at least 1), `TRADINGGROUP_MIN_FREE_DISK_MB` (default 100) and `LOG_LEVEL`
 * (default info).
 */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    apiKeys: (env.TRADINGGROUP_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    rateLimit: positiveInteger(env, 'TRADINGGROUP_RATE_LIMIT', 30),
    rateWindowMs: positiveInteger(env, 'TRADINGGROUP_RATE_WINDOW_S', 60) * 1000,
    maxWorkers: positiveInteger(env, 'TRADINGGROUP_WORKERS', Math.max(1, availableParallelism() - 1)),
    minFreeDiskBytes: positiveInteger(env, 'TRADINGGROUP_MIN_FREE_DISK_MB', 100) * 1024 * 1024,
    logLevel: logLevel(env),
  };
}

function logLevel(env: NodeJS.ProcessEnv): LogLevelName {
  const raw = (env.LOG_LEVEL ?? '').trim().toLowerCase();
  if (raw === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  return raw as LogLevelName;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}
