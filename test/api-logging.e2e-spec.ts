import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { ServerProcess, startServerProcess } from './support/api-process';
import { CLI_ENTRY, runCli } from './support/cli-runner';

const KEY = 'logging-test-key-7f3a';

/** Runs one statement on the SQLite file from another connection, as another process would. */
function sqlite(path: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new Database(path, (open) => {
      if (open) return reject(open);
      db.exec(sql, (error) => db.close(() => (error ? reject(error) : resolve())));
    });
  });
}

/** Waits until the server has logged a line matching `test` (it writes a request's line once the answer is sent). */
async function logLineWhere(server: ServerProcess, test: (line: Record<string, any>) => boolean): Promise<Record<string, any>> {
  const until = Date.now() + 5_000;
  for (;;) {
    const line = server.logLines().find(test);
    if (line) return line;
    if (Date.now() > until) throw new Error(`no such log line in:\n${server.stdout()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `tradinggroup serve` logs every request and every error as JSON lines with a request id (read from its real stdout). */
describe('tradinggroup serve logging', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-logging-'));
  const env = {
    TRADINGGROUP_DB: join(dir, 'db', 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
    TRADINGGROUP_API_KEYS: KEY,
    HOST: '',
    PORT: '',
  };
  const servers: ServerProcess[] = [];
  const serve = async (logLevel: string) => {
    const server = await startServerProcess([CLI_ENTRY, 'serve', '--port', '0'], { cwd: dir, env: { ...env, LOG_LEVEL: logLevel } });
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    expect(runCli(['data', 'setup'], dir, env).status).toBe(0);
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs where it listens, then each request with its id, method, URL and status, as JSON lines', async () => {
    const server = await serve('info');
    const health = await server.request('/health');
    const id = health.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await server.request('/backtests/no-such-run', { headers: { 'X-Request-Id': 'client-chosen.id-1' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('client-chosen.id-1');
    const odd = await server.request('/datasets', { headers: { 'X-Request-Id': 'not an id; drop table' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    expect(server.logLines().find((l) => l.context === 'ApiServer')).toMatchObject({ level: 'info', msg: `tradinggroup API listening on ${server.url} (OpenAPI at ${server.url}/docs)`, url: server.url });
    expect(await logLineWhere(server, (l) => l.req?.id === id)).toMatchObject({ level: 'info', req: { method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
    expect(await logLineWhere(server, (l) => l.req?.id === 'client-chosen.id-1')).toMatchObject({ level: 'warn', req: { url: '/backtests/no-such-run' }, res: { statusCode: 404 } });
    const time = server.logLines()[0].time as string;
    expect(new Date(time).toISOString()).toBe(time);
    // Nest's start-up chatter (every route mapped) stays below info.
    expect(server.logLines().filter((l) => l.context === 'RouterExplorer')).toEqual([]);
  });

  it('never logs request headers, so no API key reaches the log', async () => {
    const server = servers[0];
    const res = await server.request('/backtests/no-such-run', { method: 'DELETE', headers: { 'X-API-Key': KEY } });
    expect(res.status).toBe(404);
    await logLineWhere(server, (l) => l.req?.method === 'DELETE');
    expect(server.stdout()).not.toContain(KEY);
    expect(server.stderr()).toBe('');
  });

  it('answers a 500 with the request id and logs that request with the stack of the error', async () => {
    const server = servers[0];
    // Another process takes the runs table away: the next listing fails inside the server.
    await sqlite(env.TRADINGGROUP_DB, 'ALTER TABLE runs RENAME TO runs_elsewhere');
    try {
      const res = await server.request('/backtests');
      expect(res.status).toBe(500);
      const body = res.json() as Record<string, unknown>;
      const id = res.headers.get('x-request-id');
      expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: `internal error (see the server log, request id ${id})`, requestId: id });
      const line = await logLineWhere(server, (l) => l.req?.id === id);
      expect(line).toMatchObject({ level: 'error', req: { method: 'GET', url: '/backtests' }, res: { statusCode: 500 } });
      expect(line.err.message).toMatch(/no such table: runs/);
      expect(line.err.stack).toMatch(/no such table: runs\n\s+at /);
    } finally {
      await sqlite(env.TRADINGGROUP_DB, 'ALTER TABLE runs_elsewhere RENAME TO runs');
    }
    expect((await server.request('/backtests')).status).toBe(200);
  });

  it('logs only what LOG_LEVEL lets through, and where it listens at any level but silent', async () => {
    const server = await serve('warn');
    await server.request('/health');
    const missing = await server.request('/backtests/no-such-run');
    const id = missing.headers.get('x-request-id');
    expect(await logLineWhere(server, (l) => l.req?.id === id)).toMatchObject({ level: 'warn', res: { statusCode: 404 } });
    expect(server.logLines().filter((l) => l.level === 'info').map((l) => l.context)).toEqual(['ApiServer']);
  });

  it('refuses an unknown LOG_LEVEL in one line', () => {
    const out = runCli(['serve', '--port', '0'], dir, { ...env, LOG_LEVEL: 'loud' });
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"\n');
  });
});
