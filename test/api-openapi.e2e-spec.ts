import { EngineOverrides } from '../src/core/engine/run-spec';
import { MAX_SYMBOLS_PER_REQUEST } from '../src/modules/api/dto/create-backtest.dto';
import { createTestApi, TestApi } from './support/api-app';

/**
 * What the OpenAPI document declares beyond what the other suites' responses exercise: request
 * constraints as schema constraints, security per route, content types and headers. (Every
 * response of the API suites is validated against the document as it arrives.)
 */
describe('OpenAPI document', () => {
  let api: TestApi;
  let doc: any;
  const op = (path: string, method: string) => doc.paths[path][method];

  beforeAll(async () => {
    api = await createTestApi();
    doc = api.contract.doc;
  });
  afterAll(async () => api?.close());

  it('names the server it is served by', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('asks for the API key on mutating routes and declares every other route public', () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        const mutating = ['post', 'put', 'patch', 'delete'].includes(method);
        expect([`${method} ${path}`, operation.security]).toEqual([`${method} ${path}`, mutating ? [{ 'api-key': [] }] : []]);
        if (mutating) expect([`${method} ${path}`, Object.keys(operation.responses)]).toEqual([`${method} ${path}`, expect.arrayContaining(['401', '429', '500'])]);
        expect(operation.responses['500'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorDto');
        for (const response of Object.values<any>(operation.responses)) expect(response.headers['X-Request-Id']).toMatchObject({ required: true });
      }
    }
    expect(op('/backtests', 'post').responses['429'].headers['Retry-After']).toMatchObject({ required: true, schema: { type: 'integer' } });
  });

  it('declares the request constraints as schema constraints', () => {
    const body = doc.components.schemas.CreateBacktestDto;
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.symbols).toMatchObject({ type: 'array', minItems: 1, maxItems: MAX_SYMBOLS_PER_REQUEST, items: { type: 'string', minLength: 1 } });
    expect(body.properties.from).toMatchObject({ type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(body.properties.cash).toMatchObject({ type: 'number', minimum: 0, exclusiveMinimum: true });
    expect(body.properties.seed).toMatchObject({ type: 'integer' });
    expect(body.properties.riskFreeRate).toMatchObject({ minimum: -1, maximum: 1 });
    expect(body.properties.strategy.oneOf[0]).toMatchObject({ type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' });
    expect(doc.components.schemas.StrategyConfigDto).toMatchObject({ additionalProperties: false, properties: { name: { pattern: '^[a-z0-9][a-z0-9-]*$' } } });
    const limit = op('/backtests', 'get').parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
    const date = op('/backtests/{id}/decisions', 'get').parameters.find((p: { name: string }) => p.name === 'date');
    expect(date.schema).toMatchObject({ format: 'date' });
  });

  it('declares engine as an object with every engine setting the run spec takes, and no other', () => {
    expect(doc.components.schemas.CreateBacktestDto.properties.engine.allOf?.[0]?.$ref ?? doc.components.schemas.CreateBacktestDto.properties.engine.$ref).toBe('#/components/schemas/EngineOverridesDto');
    const engine = doc.components.schemas.EngineOverridesDto;
    expect(engine.additionalProperties).toBe(false);
    expect(Object.keys(engine.properties).sort()).toEqual(Object.keys(EngineOverrides.shape).sort());
    expect(engine.properties.fillAt.enum).toEqual(['next-open', 'close']);
  });

  it('declares the content types of the report, the artifacts and the CSV variants', () => {
    expect(op('/backtests/{id}/report', 'get').responses['200'].content).toEqual({ 'text/html': { schema: { type: 'string' } } });
    expect(Object.keys(op('/backtests/{id}/artifacts/{name}', 'get').responses['200'].content).sort()).toEqual(['application/json', 'application/octet-stream', 'text/csv', 'text/html', 'text/plain']);
    for (const path of ['/backtests', '/backtests/{id}/equity', '/backtests/{id}/trades', '/backtests/{id}/decisions', '/compare']) {
      const content = op(path, 'get').responses['200'].content;
      expect([path, content['text/csv']]).toEqual([path, { schema: { type: 'string' } }]);
      expect([path, content['application/json'].schema.$ref]).toEqual([path, expect.stringMatching(/^#\/components\/schemas\//)]);
      expect([path, op(path, 'get').responses['404']?.content ?? op(path, 'get').responses['400'].content]).toEqual([path, { 'application/json': expect.anything() }]);
    }
  });

  it('declares the 304 of prepared reads with their ETag, and the statuses each route gives', () => {
    for (const path of ['/backtests/{id}', '/backtests/{id}/equity', '/backtests/{id}/trades', '/backtests/{id}/decisions']) {
      expect(op(path, 'get').responses['200'].headers.ETag).toMatchObject({ required: true });
      expect(op(path, 'get').responses['304'].headers.ETag).toMatchObject({ required: true });
    }
    expect(Object.keys(op('/backtests', 'post').responses).sort()).toEqual(['202', '400', '401', '413', '415', '429', '500']);
    expect(Object.keys(op('/backtests/{id}/cancel', 'post').responses).sort()).toEqual(['200', '401', '404', '409', '429', '500']);
    expect(op('/backtests/{id}/cancel', 'post').responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/CancelledRunDto');
    expect(Object.keys(op('/backtests/{id}', 'delete').responses).sort()).toEqual(['204', '401', '404', '429', '500']);
    expect(op('/backtests/{id}/decisions', 'get').responses['400']).toBeDefined();
    expect(op('/strategies/{name}', 'get').responses['400']).toBeDefined();
  });
});

describe('REST API strategy catalogue with broken files', () => {
  let api: TestApi;
  const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'tg-strategies-'));

  beforeAll(async () => {
    const { writeFileSync } = require('node:fs');
    const { join } = require('node:path');
    writeFileSync(join(dir, 'broken.json'), '{ "name": "broken", ');
    writeFileSync(join(dir, 'bad-kind.json'), JSON.stringify({ name: 'bad-kind', kind: 'magic' }));
    writeFileSync(join(dir, 'sma-cross.json'), JSON.stringify({ name: 'sma-cross', kind: 'sma-cross', params: {} }));
    api = await createTestApi({ env: { TRADINGGROUP_STRATEGIES_DIR: dir } });
  });
  afterAll(async () => {
    await api?.close();
    require('node:fs').rmSync(dir, { recursive: true, force: true });
  });

  it('answers 400 for a strategy file that is not valid, naming it as strategies/<name>.json and never by its path on the server', async () => {
    const broken = await api.http().get('/strategies/broken').expect(400);
    expect(broken.body.message).toMatch(/^strategies\/broken\.json: not valid JSON/);
    const badKind = await api.http().get('/strategies/bad-kind').expect(400);
    expect(badKind.body).toMatchObject({ field: 'kind', message: expect.stringMatching(/^strategies\/bad-kind\.json: kind: unknown strategy kind "magic"/) });
    const list = await api.http().get('/strategies').expect(200);
    expect(list.body.map((s: { name: string; error?: string }) => [s.name, s.error?.split(':')[0]])).toEqual([['bad-kind', 'strategies/bad-kind.json'], ['broken', 'strategies/broken.json'], ['sma-cross', undefined]]);
    for (const res of [broken, badKind, list]) expect(res.text).not.toContain(dir);
  });
});
