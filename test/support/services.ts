/**
 * Servers some suites need: Postgres (`TRADINGGROUP_TEST_POSTGRES`, a URL whose role may create
 * databases) and Redis (`TRADINGGROUP_TEST_REDIS`). .ci/run starts both; on a machine without
 * them those suites are skipped with a visible note. The jest global setup
 * (services.global-setup.js) probes them once and leaves its findings in the environment.
 */

import { describeWhen } from './describe-when';

const DEFAULT_POSTGRES = 'postgres://tradinggroup:tradinggroup@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

export const TEST_POSTGRES_URL = process.env.TRADINGGROUP_TEST_POSTGRES || DEFAULT_POSTGRES;
export const TEST_REDIS_URL = process.env.TRADINGGROUP_TEST_REDIS || DEFAULT_REDIS;

/** Why a server cannot be used ('' when it can); unprobed counts as absent. */
const problemOf = (variable: string): string => process.env[variable] ?? 'not probed (run the tests through jest.config.js)';

export const POSTGRES_PROBLEM = problemOf('TG_TEST_POSTGRES_PROBLEM');
export const REDIS_PROBLEM = problemOf('TG_TEST_REDIS_PROBLEM');
export const HAS_POSTGRES = POSTGRES_PROBLEM === '';
export const HAS_REDIS = REDIS_PROBLEM === '';

/** A URL with its password hidden, for notes. */
export const redacted = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** `describe` when the test Postgres server answers, otherwise a skipped suite with a visible note. */
export function describeWithPostgres(name: string, fn: () => void): void {
  const needs = `a Postgres server at ${redacted(TEST_POSTGRES_URL)} (TRADINGGROUP_TEST_POSTGRES; .ci/run starts one): ${POSTGRES_PROBLEM}`;
  describeWhen(HAS_POSTGRES, needs, name, fn);
}

/** `describe` when the test Redis server answers, otherwise a skipped suite with a visible note. */
export function describeWithRedis(name: string, fn: () => void): void {
  const needs = `a Redis server at ${redacted(TEST_REDIS_URL)} (TRADINGGROUP_TEST_REDIS; .ci/run starts one): ${REDIS_PROBLEM}`;
  describeWhen(HAS_REDIS, needs, name, fn);
}
