import type { ConnectionOptions } from 'bullmq';
import { InputError } from '../backtests/input.error';

/** The BullMQ queue the API puts runs on and workers take them from. */
export const RUN_QUEUE = 'runs';

/** The prefix of the queue's Redis keys unless TRADINGGROUP_QUEUE_PREFIX names another. */
export const DEFAULT_QUEUE_PREFIX = 'tradinggroup';

/** The environment variable that turns the scale mode on: a `redis://` URL. */
export const QUEUE_VARIABLE = 'TRADINGGROUP_QUEUE';

/** The queue's Redis URL from the environment, or null when runs execute in the serving process. */
export function queueUrlFrom(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env[QUEUE_VARIABLE]?.trim();
  return url ? url : null;
}

/**
 * The prefix of the queue's Redis keys (TRADINGGROUP_QUEUE_PREFIX, default `tradinggroup`): the
 * API and its workers use the same one; deployments sharing a Redis server use one each.
 */
export function queuePrefixFrom(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.TRADINGGROUP_QUEUE_PREFIX?.trim() || DEFAULT_QUEUE_PREFIX;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(prefix)) {
    throw new InputError(`TRADINGGROUP_QUEUE_PREFIX: expected 1 to 64 letters, digits, dots, dashes or underscores, got "${prefix}"`, 'TRADINGGROUP_QUEUE_PREFIX');
  }
  return prefix;
}

/** ioredis options from a `redis://[user:password@]host[:port][/db]` (or `rediss://`) URL; a bad URL is an InputError naming the variable. */
export function redisConnectionOf(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${QUEUE_VARIABLE}: expected a redis:// URL, got "${url}"`, QUEUE_VARIABLE);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InputError(`${QUEUE_VARIABLE}: expected a redis:// or rediss:// URL, got "${redactedUrl(url)}"`, QUEUE_VARIABLE);
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new InputError(`${QUEUE_VARIABLE}: the path of the URL must be a database number, got "/${db}"`, QUEUE_VARIABLE);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(db !== '' && { db: Number(db) }),
    ...(parsed.protocol === 'rediss:' && { tls: {} }),
  };
}

/**
 * The API and its workers share the run records, so the scale mode needs a database every
 * process reaches: a Postgres server (a SQLite file is one process's).
 */
export function assertQueueDatabase(db: string): void {
  if (!/^postgres(ql)?:\/\//i.test(db)) {
    throw new InputError(`${QUEUE_VARIABLE} needs TRADINGGROUP_DB to be a postgres:// URL that the API and every worker reach (got ${db})`, 'TRADINGGROUP_DB');
  }
}

/** A URL with its password hidden, for messages. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
