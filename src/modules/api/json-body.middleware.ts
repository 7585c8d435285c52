import { BadRequestException, HttpException, Injectable, NestMiddleware, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { JsonShapeScanner } from './json-shape.scanner';
import { REQUEST_LIMITS, RequestLimits } from './request-limits';

/**
 * Reads the JSON body of the routes that take one (see ApiModule), in place of Express's body
 * parser: that parser refuses a body by its Content-Length before reading it, so a long array
 * could only ever be "too large", and it hands any nesting to the validation, whose recursive
 * walk overflows the stack on a few thousand levels. Here the bytes are checked as they arrive
 * (JsonShapeScanner): past `maxBodyBytes` a 413, nesting or an array beyond the limits a 400
 * naming the field, a body that is not JSON a 400, a body of another type a 415.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    readJsonBody(req).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => next(error),
    );
  }
}

/** The parsed JSON body of `req` (undefined when it has none), or an HttpException saying why not. */
export function readJsonBody(req: Request, limits: RequestLimits = REQUEST_LIMITS): Promise<unknown> {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0)) return Promise.resolve(undefined);
  if (!req.is(['application/json', '+json']) || !isUtf8(req.headers['content-type'])) {
    req.resume();
    return Promise.reject(new UnsupportedMediaTypeException('content-type: the body must be JSON (application/json, UTF-8)'));
  }
  return new Promise((resolve, reject) => {
    const scanner = new JsonShapeScanner(limits.maxDepth, limits.maxArrayItems);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: HttpException) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      // The rest of the body is read and dropped, so the client gets the answer rather than a reset.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      const room = limits.maxBodyBytes - size;
      const problem = scanner.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      if (problem) return fail(new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problem.message, field: problem.field }));
      size += chunk.length;
      if (size > limits.maxBodyBytes) return fail(new PayloadTooLargeException(`body: larger than ${limits.maxBodyBytes} bytes, the limit`));
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', () => fail(new BadRequestException('body: the request was aborted')));
    req.once('end', () => {
      if (settled) return;
      settled = true;
      try {
        resolve(JSON.parse(Buffer.concat(chunks, size).toString('utf8')));
      } catch (e) {
        reject(new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `body: not valid JSON (${(e as Error).message})`, field: 'body' }));
      }
    });
  });
}

function isUtf8(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}
