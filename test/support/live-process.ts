import { ChildProcess, spawn } from 'node:child_process';
import { CLI_ENTRY } from './cli-runner';

/** A CLI process running in the background, its output collected as it comes. */
export interface LiveProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout or stderr matches `pattern` (with the match); rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or the signal's name when it was killed by one). */
  exited: Promise<number | NodeJS.Signals>;
}

/** Starts the real `tradinggroup` CLI with `args` in `cwd`, without waiting for it. */
export function startCli(args: string[], cwd: string, env: Record<string, string>): LiveProcess {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd, env: { ...process.env, TRADINGGROUP_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const l of listeners) l();
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal!)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out) ?? pattern.exec(err);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          check();
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`exited (${code}) before ${pattern}:\n${out}\n${err}`));
        });
        check();
      });
    },
  };
}
