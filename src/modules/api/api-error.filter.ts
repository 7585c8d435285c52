import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from './api-logging';
import { InputError, NotFoundError } from '../backtests/input.error';

/** The JSON body of every error answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The request field at fault (400), e.g. `from` or `params.fast`. */
  field?: string;
  /** 500: the request's id, to find its lines (and the error's stack) in the server log. */
  requestId?: string;
}

/**
 * Maps errors to JSON answers: InputError → 400 naming the field, NotFoundError → 404, Nest's
 * HTTP exceptions and Express's client errors as they are, anything else → 500 (logged with
 * its stack and the request id, which the answer gives; its message is not exposed).
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.bodyOf(exception, requestIdOf(host.switchToHttp().getRequest<Request>()));
    // The request's log line (pino-http) then carries the error with its stack, under the request id.
    if (body.statusCode >= 500) (res as Response & { err?: unknown }).err = exception instanceof Error ? exception : new Error(String(exception));
    if (res.headersSent) return;
    res.status(body.statusCode).type('application/json').send(JSON.stringify(body));
  }

  private bodyOf(exception: unknown, requestId: string | undefined): ApiErrorBody {
    if (exception instanceof InputError) return { statusCode: 400, error: 'Bad Request', message: exception.message, field: exception.field };
    if (exception instanceof NotFoundError) return { statusCode: 404, error: 'Not Found', message: exception.message };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const fromResponse = typeof response === 'object' && response !== null ? (response as Partial<ApiErrorBody> & { message?: unknown }) : {};
      const message = Array.isArray(fromResponse.message) ? fromResponse.message.join('; ') : String(fromResponse.message ?? exception.message);
      const body: ApiErrorBody = { statusCode: status, error: fromResponse.error ?? reasonOf(status), message };
      if (fromResponse.field) body.field = fromResponse.field;
      return body;
    }
    const clientError = clientHttpErrorOf(exception);
    if (clientError) return { statusCode: clientError.status, error: reasonOf(clientError.status), message: clientError.message };
    const seeLog = requestId ? `see the server log, request id ${requestId}` : 'see the server log';
    return { statusCode: 500, error: 'Internal Server Error', message: `internal error (${seeLog})`, ...(requestId ? { requestId } : {}) };
  }
}

/** An Express-style client error (http-errors: a 4xx `status` with `expose`), e.g. from a middleware. */
function clientHttpErrorOf(exception: unknown): { status: number; message: string } | null {
  const e = exception as { status?: unknown; expose?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null || e.expose !== true || typeof e.status !== 'number' || e.status < 400 || e.status > 499) return null;
  return { status: e.status, message: String(e.message) };
}

function reasonOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') : 'Error';
}
