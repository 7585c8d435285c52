import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import type { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorDto } from './dto/error.dto';

/*
 * Decorators that declare what routes really answer, beyond one JSON body: CSV beside JSON, ETags
 * and 304, the statuses and headers of mutating routes. openapi.ts adds what every operation shares.
 */

const ETAG: HeadersObject = {
  ETag: { description: 'identifies these bytes; send it back in If-None-Match to get a 304', required: true, schema: { type: 'string' } },
};
const RETRY_AFTER: HeadersObject = {
  'Retry-After': { description: 'seconds until the rate limit lets the key (or address) through again', required: true, schema: { type: 'integer', minimum: 0 } },
};
const JSON_ERROR = { 'application/json': { schema: { $ref: getSchemaPath(ErrorDto) } } };

/** 200 as JSON (`type`) or, with `Accept: text/csv`, as a CSV document. */
export function ApiJsonOrCsvOk(type: Type, description = 'JSON, or CSV with `Accept: text/csv`'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiResponse({ status: 200, description, content: { 'application/json': { schema: { $ref: getSchemaPath(type) } }, 'text/csv': { schema: { type: 'string' } } } }),
  );
}

/**
 * A read answered from prepared bytes (sendPrepared): 200 with an ETag, and 304 with no body when
 * `If-None-Match` holds that ETag. `csv` when the route also answers CSV.
 */
export function ApiPreparedOk(type: Type, options: { csv?: boolean } = {}): MethodDecorator {
  const content: Record<string, { schema: object }> = { 'application/json': { schema: { $ref: getSchemaPath(type) } } };
  if (options.csv) content['text/csv'] = { schema: { type: 'string' } };
  return applyDecorators(
    ApiExtraModels(type),
    ApiResponse({ status: 200, description: options.csv ? 'JSON, or CSV with `Accept: text/csv`' : 'JSON', content, headers: ETAG }),
    ApiResponse({ status: 304, description: 'not modified: `If-None-Match` holds the current ETag', headers: ETAG }),
  );
}

/** A route that changes state: needs the API key when keys are configured, and is rate limited. */
export function ApiMutation(): MethodDecorator {
  return applyDecorators(
    ApiSecurity('api-key'),
    ApiResponse({ status: 401, description: 'missing or wrong `X-API-Key` (when the server has API keys)', content: JSON_ERROR }),
    ApiResponse({ status: 429, description: 'over the rate limit of mutating requests', content: JSON_ERROR, headers: RETRY_AFTER }),
  );
}

/** An error answer of `status` with the JSON error body. */
export function ApiErrorResponse(status: number, description: string): MethodDecorator {
  return ApiResponse({ status, description, content: JSON_ERROR });
}
