import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Express } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { isIP } from 'node:net';
import { loadAppConfig } from '../config/app-config';
import { assertQueueDatabase, queueUrlFrom, redactedUrl } from '../queue/queue-config';
import { loadApiConfig } from './api-config';
import { ApiLogger } from './api-logging';
import { ApiModule } from './api.module';
import { setupOpenApi } from './openapi';

export interface ApiServerOptions {
  /** Default: `PORT` (when set and not empty), else 3000. */
  port?: number;
  /** Default: `HOST` (when set and not empty), else 127.0.0.1. */
  host?: string;
}

/** True for a loopback host name or address (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h.startsWith('::ffff:127.');
}

/** Refuses to listen beyond loopback when no API key is configured (mutating routes would be open). */
export function assertBindAllowed(host: string, apiKeys: readonly string[]): void {
  if (apiKeys.length === 0 && !isLoopbackHost(host)) {
    throw new Error(`refusing to listen on ${host} without an API key: set TRADINGGROUP_API_KEYS (comma-separated) or listen on 127.0.0.1`);
  }
}

/** Applies what `NestFactory.create` cannot: the OpenAPI pages and the Express settings. */
export function configureApiApp(app: INestApplication): INestApplication {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  // No ETag hashing of every answer: prepared answers carry an ETag computed once.
  express.set('etag', false);
  setupOpenApi(app);
  return app;
}

/**
 * The API application, configured but not listening, logging through its structured logger
 * (`LOG_LEVEL`, see api-logging.ts; what Nest logs while it builds the application is held until
 * that logger is set). Express's body parsers are left out: the routes that take a body read it
 * themselves, within the documented limits (JsonBodyMiddleware).
 */
export async function createApiApp(module: Type | DynamicModule = ApiModule): Promise<INestApplication> {
  loadApiConfig();
  // abortOnError off: a module that fails to start (a database that does not answer) rejects with its error, said in one line by the caller.
  const app = await NestFactory.create(module, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(app.get(ApiLogger));
  return configureApiApp(app);
}

/** Starts the API on host:port, logs where it listens (and, in the scale mode, its queue) and returns the running application. */
export async function startApiServer(options: ApiServerOptions = {}): Promise<{ app: INestApplication; url: string; queue: string | null }> {
  const host = options.host ?? (process.env.HOST || '127.0.0.1');
  const port = options.port ?? Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be an integer in 0..65535, got ${port}`);
  assertBindAllowed(host, loadApiConfig().apiKeys);
  const queueUrl = queueUrlFrom();
  const app = await createApiApp(await apiModuleFor(queueUrl));
  app.enableShutdownHooks();
  try {
    await app.listen(port, host);
  } catch (e) {
    // The application has started (paper sessions with it): a server that cannot listen stops it all.
    await app.close();
    throw e;
  }
  const address = app.getHttpServer().address() as { port: number } | string;
  const actualPort = typeof address === 'string' ? port : address.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${actualPort}`;
  const queue = queueUrl === null ? null : redactedUrl(queueUrl);
  const queued = queue === null ? '' : `; runs go on the queue at ${queue}, tradinggroup worker processes execute them`;
  // Said at any LOG_LEVEL but silent: a client (or a script waiting for the server) needs the address.
  const level = loadApiConfig().logLevel === 'silent' ? 'silent' : 'info';
  PinoLogger.root.child({ context: 'ApiServer' }, { level }).info({ url, queue }, `tradinggroup API listening on ${url} (OpenAPI at ${url}/docs)${queued}`);
  return { app, url, queue };
}

/**
 * The application for the environment: with a queue URL (TRADINGGROUP_QUEUE), the scale mode's,
 * whose runs go on the queue for `tradinggroup worker` processes (the queue's code is loaded
 * only then); without, the embedded one.
 */
async function apiModuleFor(queueUrl: string | null): Promise<Type | DynamicModule> {
  if (queueUrl === null) return ApiModule;
  assertQueueDatabase(loadAppConfig().db);
  const { assertQueueReachable } = await import('../queue/queue-readiness');
  await assertQueueReachable(queueUrl);
  const { queuedApiModule } = await import('../queue/queued-api.module');
  return queuedApiModule(queueUrl);
}
