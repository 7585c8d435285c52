import { REQUEST_LIMITS } from '../src/modules/api/request-limits';
import { createTestApi, TestApi } from './support/api-app';

/**
 * A client's mistake is a 4xx, never a 500: bodies over the size limit, nested too deep, with
 * too long arrays, with reserved keys, not JSON at all. Nothing is started by such a request.
 */
describe('REST API request limits', () => {
  let api: TestApi;
  const BODY = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2010-12-31' };
  const postRaw = (text: string, type = 'application/json') => api.http().post('/backtests').set('Content-Type', type).send(text);
  const withField = (name: string, json: string) => `${JSON.stringify(BODY).slice(0, -1)},${JSON.stringify(name)}:${json}}`;
  const runCount = async () => (await api.http().get('/backtests?limit=500').expect(200)).body.items.length;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.close());

  it.each([
    ['120 KB', 120 * 1024],
    ['50 MB', 50 * 1024 * 1024],
  ])('answers 413 for a body of %s, over the limit', async (_what, bytes) => {
    const res = await postRaw(withField('padding', JSON.stringify('x'.repeat(bytes)))).expect(413);
    expect(res.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: `body: larger than ${REQUEST_LIMITS.maxBodyBytes} bytes, the limit` });
  });

  it('reads a body just under the limit', async () => {
    const text = JSON.stringify({ ...BODY, strategy: { name: 'big', kind: 'sma-cross', description: 'x'.repeat(REQUEST_LIMITS.maxBodyBytes - 200) } });
    expect(Buffer.byteLength(text)).toBeLessThan(REQUEST_LIMITS.maxBodyBytes);
    await postRaw(text).expect(202);
  });

  it('answers 400 naming the field for JSON nested 5,000 deep', async () => {
    const deep = '{"a":'.repeat(5000) + '0' + '}'.repeat(5000);
    const res = await postRaw(withField('params', deep)).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', field: 'params', message: `params: nested deeper than ${REQUEST_LIMITS.maxDepth} levels` });
    const arrays = await postRaw(withField('engine', '['.repeat(5000) + ']'.repeat(5000))).expect(400);
    expect(arrays.body.field).toBe('engine');
    const body = await postRaw('['.repeat(5000) + ']'.repeat(5000)).expect(400);
    expect(body.body.message).toMatch(/nested deeper than/);
  });

  it('accepts nesting up to the limit', async () => {
    const levels = REQUEST_LIMITS.maxDepth - 2;
    const res = await postRaw(withField('params', '{"a":'.repeat(levels) + '0' + '}'.repeat(levels)));
    // Read and validated: refused by the strategy's parameter schema, not by the nesting limit.
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('params');
    expect(res.body.message).not.toMatch(/nested deeper/);
  });

  it('answers 400 naming the field for a 100,000-element symbols array', async () => {
    const res = await postRaw(JSON.stringify({ ...BODY, symbols: Array(100_000).fill('SPX') })).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', field: 'symbols', message: `symbols: an array of more than ${REQUEST_LIMITS.maxArrayItems} items` });
  });

  it('answers 400 for an array over the limit anywhere in the body, and for symbols over their own bound', async () => {
    const res = await postRaw(JSON.stringify({ ...BODY, params: { list: Array(REQUEST_LIMITS.maxArrayItems + 1).fill(1) } })).expect(400);
    expect(res.body.field).toBe('params.list');
    const symbols = await postRaw(JSON.stringify({ ...BODY, symbols: Array(21).fill('SPX') })).expect(400);
    expect(symbols.body).toMatchObject({ field: 'symbols', message: 'symbols: must contain no more than 20 elements' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('answers 400 naming the field for the reserved key %s wherever it is', async (key) => {
    const places: Array<[string, string]> = [
      [withField(key, '{"x":1}'), key],
      [withField('engine', `{${JSON.stringify(key)}:{"fillAt":"close"}}`), `engine.${key}`],
      [withField('params', `{${JSON.stringify(key)}:1}`), `params.${key}`],
      [`${JSON.stringify({ ...BODY, strategy: undefined }).slice(0, -1)},"strategy":{"name":"s","kind":"sma-cross",${JSON.stringify(key)}:{}}}`, `strategy.${key}`],
    ];
    for (const [text, field] of places) {
      const res = await postRaw(text).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', field, message: `${field}: reserved key` });
    }
    const query = await api.http().get(`/backtests?${key}=1`).expect(400);
    expect(query.body).toMatchObject({ field: key, message: `${key}: reserved key` });
  });

  it('answers 400 for a body that is not valid JSON and 415 for a body that is not JSON', async () => {
    expect((await postRaw('{"strategy":').expect(400)).body).toMatchObject({ field: 'body', message: expect.stringMatching(/^body: not valid JSON/) });
    expect((await postRaw('strategy=sma-cross', 'application/x-www-form-urlencoded').expect(415)).body).toMatchObject({ statusCode: 415, message: expect.stringMatching(/application\/json/) });
    await postRaw(JSON.stringify(BODY), 'application/json; charset=latin1').expect(415);
    const missing = await api.http().post('/backtests').expect(400);
    expect(missing.body.field).toBe('strategy');
  });

  it('started no run for any refused request', async () => {
    // The one run is the body just under the limit.
    expect(await runCount()).toBe(1);
  });
});
