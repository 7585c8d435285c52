import { ChildProcess, spawn } from 'node:child_process';
import { fromFetch, OpenApiContract } from './openapi-contract';

/** A response read whole: status, headers, text, and the JSON it holds. */
export interface ReadResponse {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
}

/** A server process (`tradinggroup serve` or `npm start`) and what it has printed so far. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything printed on stdout, as it arrives. */
  stdout(): string;
  stderr(): string;
  /** The JSON lines of stdout (the log), parsed; a line that is not JSON fails the test. */
  logLines(): Array<Record<string, any>>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** A request to the server; the response must match its OpenAPI document (read from /docs-json once). */
  request(path: string, init?: RequestInit): Promise<ReadResponse>;
}

/** Starts `node <args>` and resolves once it logs where it listens. */
export function startServerProcess(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
  let contract: OpenApiContract | undefined;
  const request = async (url: string, path: string, init: RequestInit = {}): Promise<ReadResponse> => {
    contract ??= new OpenApiContract(await (await fetch(`${url}/docs-json`)).json());
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    contract.assert(fromFetch(init.method ?? 'GET', `${url}${path}`, res, text));
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  };
  const server = (url: string): ServerProcess => ({
    request: (path, init) => request(url, path, init),
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    logLines: () =>
      out
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, any>;
          } catch {
            throw new Error(`a line of the server's stdout is not JSON: ${line}`);
          }
        }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/[^\s"]+)/.exec(out)?.[1];
      if (url) {
        clearInterval(timer);
        clearTimeout(give);
        resolve(server(url));
      }
    }, 20);
    const give = setTimeout(() => {
      clearInterval(timer);
      child.kill('SIGKILL');
      reject(new Error(`no listening line after 30 s:\n${out}\n${err}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearInterval(timer);
      clearTimeout(give);
      reject(new Error(`exited with ${code}:\n${out}\n${err}`));
    });
  });
}
