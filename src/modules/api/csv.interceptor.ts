import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { csvDocument } from '../artifacts/csv';

/** A route's answer as a table: the CSV header and the rows, every field already text. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

const CSV_TABLE = 'tradinggroup:csv-table';
const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * Marks a tabular route: with `Accept: text/csv` it answers CSV, otherwise JSON. `toTable`
 * turns the answer into its table (a prepared answer, see sendPrepared, carries its CSV already).
 * The route declares its two content types itself (ApiJsonOrCsvOk, ApiPreparedOk).
 */
export function CsvRoute<T>(toTable?: (body: T) => CsvTable): MethodDecorator {
  return SetMetadata(CSV_TABLE, toTable ?? true);
}

/**
 * Content negotiation of tabular routes (see {@link CsvRoute}); their answers vary on `Accept`.
 */
@Injectable()
export class CsvInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const toTable = this.reflector.get<((body: unknown) => CsvTable) | true | undefined>(CSV_TABLE, context.getHandler());
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const csv = toTable !== undefined && wantsCsv(req);
    if (toTable !== undefined) res.vary('Accept');
    return next.handle().pipe(
      map((body) => {
        if (!csv || typeof toTable !== 'function') return body;
        const table = toTable(body);
        res.type(CSV_TYPE);
        return csvDocument(table.header, table.rows);
      }),
    );
  }
}

/** True when the client prefers `text/csv` to JSON. */
export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}
