import { Injectable } from '@nestjs/common';
import { Logger, Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { destination, stdTimeFunctions } from 'pino';

/** The levels `LOG_LEVEL` takes (pino's), from the most to the least severe; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** A request id a client (or a proxy in front) may hand over in `X-Request-Id`; anything else gets a new one. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The response header (and error body field) that carries a request's id. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The request id of a request, once the logging middleware has given it one. */
export function requestIdOf(req: unknown): string | undefined {
  const id = (req as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The request log (pino-http through nestjs-pino): one JSON line per request on stdout with its
 * id, method, URL, status and time, at `info` (4xx at `warn`, 5xx at `error`), every other log
 * line of the request carrying the same id. Headers are not logged (they hold API keys).
 * Lines are written without waiting for stdout (lines made while a write is in flight go out
 * together in the next one; pino writes what is left when the process exits), so a burst of
 * requests does not pay one blocking write each.
 */
export function apiLoggingParams(level: LogLevelName): Params {
  return {
    pinoHttp: [
      {
        level,
        timestamp: stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const incoming = req.headers['x-request-id'];
          const id = typeof incoming === 'string' && INCOMING_REQUEST_ID.test(incoming) ? incoming : randomUUID();
          res.setHeader(REQUEST_ID_HEADER, id);
          return id;
        },
        customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
        customSuccessMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
        customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      },
      destination({ dest: 1, sync: false }),
    ],
  };
}

/** Nest's start-up chatter (modules loaded, routes mapped): logged at `debug`, not `info`. */
const START_UP_CONTEXTS: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The application's logger: nestjs-pino's, with Nest's start-up chatter moved down to `debug`. */
@Injectable()
export class ApiLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
