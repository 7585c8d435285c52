import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI_ENTRY, runCli } from './support/cli-runner';
import { fromFetch, OpenApiContract } from './support/openapi-contract';

const MAIN_ENTRY = resolve(__dirname, '..', 'dist', 'src', 'main.js');

/** `tradinggroup serve` and `npm start` (dist/src/main.js) through their real entries. */
describe('tradinggroup serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-serve-'));
  const env = {
    TRADINGGROUP_DB: join(dir, 'db', 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
    TRADINGGROUP_API_KEYS: '',
    LOG_LEVEL: 'info',
    HOST: '',
    PORT: '',
  };
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts an entry and resolves with the URL it prints once it listens. */
  function startServer(args: string[], extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return new Promise((resolvePromise, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no listening line after 30 s:\n${out}`)), 30_000);
      const read = (chunk: Buffer) => {
        out += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
        if (url) {
          clearTimeout(timer);
          resolvePromise({ child, url });
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
  }

  /** A request whose response must match the server's OpenAPI document. */
  async function checked(url: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
    const contract = new OpenApiContract(await (await fetch(`${url}/docs-json`)).json());
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    contract.assert(fromFetch(init.method ?? 'GET', `${url}${path}`, res, text));
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code, signal) => r(code ?? (signal ? 0 : null)))));

  it('starts the API on a free port, answers, and stops on SIGTERM', async () => {
    expect(runCli(['data', 'setup'], dir, env).status).toBe(0);
    const { child, url } = await startServer([CLI_ENTRY, 'serve', '--port', '0']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await checked(url, '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const datasets = (await checked(url, '/datasets')).body as Array<{ symbol: string }>;
    expect(datasets.map((d) => d.symbol).sort()).toEqual(['AAPL', 'SPX']);
    child.kill('SIGTERM');
    await exitOf(child);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('serves the same application from dist/src/main.js (npm start) with PORT and HOST', async () => {
    const { child, url } = await startServer([MAIN_ENTRY], { PORT: '0', HOST: '127.0.0.1' });
    const doc = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/backtests/{id}/equity');
    child.kill('SIGTERM');
    await exitOf(child);
  });

  it('refuses to listen beyond loopback without an API key, in one line', () => {
    const out = runCli(['serve', '--host', '0.0.0.0', '--port', '0'], dir, env);
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('error: refusing to listen on 0.0.0.0 without an API key: set TRADINGGROUP_API_KEYS (comma-separated) or listen on 127.0.0.1\n');
  });

  it('listens beyond loopback when a key is configured', async () => {
    const { child, url } = await startServer([CLI_ENTRY, 'serve', '--host', '0.0.0.0', '--port', '0'], { TRADINGGROUP_API_KEYS: 'k1' });
    expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    const port = new URL(url).port;
    const refused = await checked(`http://127.0.0.1:${port}`, '/backtests/x', { method: 'DELETE' });
    expect(refused.status).toBe(401);
    child.kill('SIGTERM');
    await exitOf(child);
  });

  it('refuses a port that is not a number (a usage error)', () => {
    const out = runCli(['serve', '--port', 'eighty'], dir, env);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('error: --port: expected an integer in 0..65535, got "eighty"\n');
  });
});
