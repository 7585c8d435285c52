import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiModule } from '../../src/modules/api/api.module';
import { createApiApp } from '../../src/modules/api/api-server';
import { RunExecutor } from '../../src/modules/backtests/run-executor';
import { DataService } from '../../src/modules/data/data.service';
import { fromSupertest, OpenApiContract } from './openapi-contract';

/** The real API application (NestFactory.create(ApiModule)) on a temp directory (SQLite file, data, backtests) with the sample data. */
export interface TestApi {
  app: INestApplication;
  /** Requests to the app; every response is checked against the OpenAPI document (see OpenApiContract). */
  http: () => ReturnType<typeof request>;
  contract: OpenApiContract;
  dir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Extra environment while the app is built, e.g. `TRADINGGROUP_API_KEYS`. */
  env?: Record<string, string>;
  /** Replaces the worker-thread executor (e.g. one with a stand-in worker script). */
  executor?: RunExecutor;
  /** Builds the app on this directory (e.g. one prepared with {@link testApiEnv}) instead of a fresh one. */
  dir?: string;
}

/** The environment of a test API on `dir`: its database, data and backtests directories. */
export function testApiEnv(dir: string): Record<string, string> {
  return {
    TRADINGGROUP_DB: join(dir, 'db', 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
  };
}

/**
 * Builds the API as `npm start` does (ApiModule + configureApiApp) with the environment
 * pointing at a fresh temp directory; the environment is restored once the app is built.
 */
export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tg-api-'));
  const env: Record<string, string> = {
    ...testApiEnv(dir),
    TRADINGGROUP_API_KEYS: '',
    TRADINGGROUP_RATE_LIMIT: '1000',
    TRADINGGROUP_WORKERS: '2',
    // The request log is read by the logging suite, which starts the real server.
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let app: INestApplication;
  try {
    const module = options.executor ? ApiModule.withExecutor(options.executor) : ApiModule;
    app = await createApiApp(module);
    await app.init();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  app.get(DataService).setupSampleData();
  const contract = new OpenApiContract((await request(app.getHttpServer()).get('/docs-json').expect(200)).body);
  return {
    app,
    http: () => checkedAgent(app, contract),
    contract,
    dir,
    env,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A supertest agent whose every response must match the OpenAPI document. */
function checkedAgent(app: INestApplication, contract: OpenApiContract): ReturnType<typeof request> {
  const agent = request(app.getHttpServer());
  const checked = (method: 'get' | 'post' | 'put' | 'patch' | 'delete') => (url: string) => agent[method](url).expect((res) => contract.assert(fromSupertest(method, url, res)));
  return { get: checked('get'), post: checked('post'), put: checked('put'), patch: checked('patch'), delete: checked('delete') } as unknown as ReturnType<typeof request>;
}

/** Polls `GET /backtests/:id` until its status is one of `statuses`; returns the run. */
export async function waitForStatus(api: TestApi, id: string, statuses: string[], timeoutMs = 60_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.http().get(`/backtests/${id}`).expect(200);
    if (statuses.includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`run ${id} is still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Parses a CSV document without quoted fields containing commas (enough for these tables). */
export function csvRows(text: string): string[][] {
  return text.trimEnd().split('\n').map((line) => line.split(','));
}
