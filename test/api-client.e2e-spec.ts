import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApi, TestApi } from './support/api-app';

const ROOT = resolve(__dirname, '..');
const KEY = 'client-test-key';

/*
 * The client a user would generate from /docs-json (openapi-typescript + openapi-fetch) drives the
 * API. The types are generated during the test run from the document the server serves now, into a
 * temp directory: the document is the one source, and a committed copy of the generated types would
 * be a second one to keep in step. The client program must type-check (strict, with the lines marked
 * @ts-expect-error refused by the types) and then run against the server.
 */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

type RunDetail = components['schemas']['RunDetailDto'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const client = createClient<paths>({ baseUrl: process.env.API_URL!, headers: { 'X-API-Key': process.env.API_KEY! } });
  const started = await client.POST('/backtests', {
    body: { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2012-12-31', engine: { fillAt: 'close', commission: { kind: 'percent', rate: 0.001 } }, seed: 1 },
  });
  if (!started.data) throw new Error('POST /backtests: ' + started.response.status + ' ' + JSON.stringify(started.error));
  const id: string = started.data.runs[0].id;
  let run: RunDetail | undefined;
  for (let i = 0; i < 1200 && !(run && (run.status === 'done' || run.status === 'failed')); i++) {
    run = (await client.GET('/backtests/{id}', { params: { path: { id } } })).data;
    await sleep(50);
  }
  const page = await client.GET('/backtests', { params: { query: { limit: 10, sort: 'sharpe', order: 'desc' } } });
  // The route answers CSV too (Accept: text/csv), so its data is typed as the JSON page or text.
  if (page.data === undefined || typeof page.data === 'string') throw new Error('GET /backtests: no JSON page');
  const createdAt: string = page.data.items[0].createdAt;
  const trades = await client.GET('/backtests/{id}/trades', { params: { path: { id } }, headers: { Accept: 'text/csv' }, parseAs: 'text' });
  const report = await client.GET('/backtests/{id}/report', { params: { path: { id } }, parseAs: 'text' });
  const cancelled = await client.POST('/backtests/{id}/cancel', { params: { path: { id } } });
  const status: 'cancelled' | undefined = cancelled.data?.status;
  const refused = await client.POST('/backtests', { body: { strategy: 'sma-cross', symbols: ['SPX'], from: '2012-01-04', to: '2010-12-31' } });
  console.log(JSON.stringify({
    id, status: run?.status, sharpe: run?.metrics ? (run.metrics as { default: { sharpe: number } }).default.sharpe : null, fillAt: (run?.config.engine as { fillAt?: string }).fillAt,
    createdAt, csvHeader: trades.data?.split('\\n')[0], reportStart: report.data?.slice(0, 15),
    cancel: { httpStatus: cancelled.response.status, status, message: cancelled.error?.message },
    refused: { httpStatus: refused.response.status, field: refused.error?.field },
    requestId: started.response.headers.get('x-request-id'),
  }));
}

type NewBacktest = paths['/backtests']['post']['requestBody']['content']['application/json'];

/** Never called: these requests must not type-check. */
export function refusedByTheTypes(client: ReturnType<typeof createClient<paths>>): NewBacktest[] {
  // @ts-expect-error an engine setting that does not exist
  const leverage: NewBacktest = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2010-12-31', engine: { leverage: 3 } };
  // @ts-expect-error a field that does not exist
  const colour: NewBacktest = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2010-12-31', colour: 'red' };
  // @ts-expect-error a fill time the engine does not have
  const tomorrow: NewBacktest = { strategy: 'sma-cross', symbols: ['SPX'], from: '2010-01-04', to: '2010-12-31', engine: { fillAt: 'tomorrow' } };
  // @ts-expect-error limit is an integer, not text
  void client.GET('/backtests', { params: { query: { limit: '10' } } });
  // @ts-expect-error a status no run has
  void client.GET('/backtests', { params: { query: { status: 'finished' } } });
  return [leverage, colour, tomorrow];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

describe('REST API through a client generated from its OpenAPI document', () => {
  let api: TestApi;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'tg-client-'));

  beforeAll(async () => {
    api = await createTestApi({ env: { TRADINGGROUP_API_KEYS: KEY } });
    await api.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as { port: number }).port}`;
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[], env: Record<string, string> = {}) => {
    const out = spawnSync(process.execPath, args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    if (out.status !== 0) throw new Error(`${args.join(' ')} exited ${out.status}:\n${out.stdout}\n${out.stderr}`);
    return out.stdout;
  };

  it('generates types from /docs-json, type-checks a client against them and drives the API with it', async () => {
    const doc = (await api.http().get('/docs-json').expect(200)).body;
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    run([join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), 'openapi.json', '--output', 'schema.ts']);
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    run([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--strict', '--target', 'es2022', '--module', 'commonjs', '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--types', 'node', '--outDir', 'out', 'client.ts']);
    // Asynchronously: the server answering the client runs in this process.
    const stdout = await new Promise<string>((resolvePromise, reject) =>
      execFile(process.execPath, [join('out', 'client.js')], { cwd: dir, env: { ...process.env, API_URL: url, API_KEY: KEY }, timeout: 120_000 }, (error, out, err) =>
        error ? reject(new Error(`the client failed: ${error.message}\n${out}\n${err}`)) : resolvePromise(out),
      ),
    );
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      status: 'done',
      fillAt: 'close',
      csvHeader: expect.stringMatching(/^direction,entryBar,entryDate/),
      reportStart: expect.stringMatching(/^<!doctype html>/i),
      cancel: { httpStatus: 409, message: expect.stringMatching(/only queued or running runs can be cancelled/) },
      refused: { httpStatus: 400, field: 'from' },
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(result.sharpe).toEqual(expect.any(Number));
    expect(new Date(result.createdAt).toISOString()).toBe(result.createdAt);
  });
});
