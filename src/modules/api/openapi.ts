import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, PathItemObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { packageVersion } from '../config/package-root';
import { REQUEST_ID_HEADER } from './api-logging';
import { StrategyConfigDto } from './dto/create-backtest.dto';
import { EngineOverridesDto } from './dto/engine-overrides.dto';
import { ErrorDto } from './dto/error.dto';
import { REQUEST_LIMITS } from './request-limits';

/** Request bodies' schemas that take no other field than they list (unknown fields are a 400). */
const CLOSED_REQUEST_SCHEMAS = ['CreateBacktestDto', 'StrategyConfigDto', 'EngineOverridesDto', 'CreatePaperSessionDto'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Serves the OpenAPI document at /docs (Swagger UI) and /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('TradingGroup API')
    .setDescription(
      'Backtests of trading strategies over REST: start runs (they execute in worker threads), read their status, ' +
        'metrics, equity, trades, agent trace and report, compare them. Mutating routes need `X-API-Key` when ' +
        'TRADINGGROUP_API_KEYS is set and are rate limited. Tabular routes answer CSV with `Accept: text/csv`. ' +
        `Request bodies are JSON of at most ${REQUEST_LIMITS.maxBodyBytes} bytes (else 413), nested at most ` +
        `${REQUEST_LIMITS.maxDepth} levels with at most ${REQUEST_LIMITS.maxArrayItems} items in any array (else 400 naming the field); ` +
        'the keys `__proto__`, `constructor` and `prototype` are refused (400) in bodies and queries. ' +
        `Every answer carries its request id in \`${REQUEST_ID_HEADER}\`; a 500 gives it as \`requestId\` to find the error in the server log.`,
    )
    .setVersion(packageVersion())
    .addServer('/', 'the server that serves this document')
    .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header', description: 'one of TRADINGGROUP_API_KEYS; needed on mutating routes when the server has keys' }, 'api-key')
    .build();
  SwaggerModule.setup('docs', app, () => finishDocument(SwaggerModule.createDocument(app, config, { extraModels: [StrategyConfigDto, EngineOverridesDto, ErrorDto] })), {
    jsonDocumentUrl: 'docs-json',
  });
}

/**
 * What every operation shares, added once here: `security: []` where no key is needed, the 500
 * answer, and the request id header on every answer; request bodies closed to unknown fields,
 * their defaults said in descriptions.
 */
export function finishDocument(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths) as PathItemObject[]) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (operation) finishOperation(operation);
    }
  }
  const schemas = doc.components?.schemas ?? {};
  for (const name of CLOSED_REQUEST_SCHEMAS) {
    const schema = schemas[name];
    if (!schema || '$ref' in schema) throw new Error(`OpenAPI document: no schema ${name} to close`);
    schema.additionalProperties = false;
    defaultsInDescriptions(schema);
  }
  return doc;
}

/**
 * A request field's default goes into its description: openapi-typescript (by default) types a
 * property that has a `default` as present, which in a request body would make an optional
 * field required of the client.
 */
function defaultsInDescriptions(schema: SchemaObject): void {
  for (const property of Object.values(schema.properties ?? {})) {
    if ('$ref' in property) continue;
    if (property.default !== undefined) {
      const said = `default: ${JSON.stringify(property.default)}`;
      property.description = property.description ? `${property.description} (${said})` : said;
      delete property.default;
    }
    defaultsInDescriptions(property);
  }
}

function finishOperation(operation: OperationObject): void {
  operation.security ??= [];
  operation.responses['500'] ??= {
    description: 'an error of the server: the answer gives the request id, the server log the error',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorDto) } } },
  };
  for (const response of Object.values(operation.responses)) {
    if (!response || '$ref' in response) continue;
    (response as ResponseObject).headers = {
      [REQUEST_ID_HEADER]: { description: "the request's id (the client's own when well formed), as in the server log", required: true, schema: { type: 'string' } },
      ...(response as ResponseObject).headers,
    };
  }
}
