import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The compiled CLI entry (`npm test` builds it first). */
export const CLI_ENTRY = resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `tradinggroup` CLI in `cwd` with extra environment variables. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  if (!existsSync(CLI_ENTRY)) throw new Error(`${CLI_ENTRY} is missing: run "npm run build" first (npm test does)`);
  const out = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd,
    env: { ...process.env, TRADINGGROUP_DEBUG: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: out.status ?? -1, stdout: out.stdout, stderr: out.stderr };
}

/** Parses the JSON a `--json` command printed, with the output in the error when it fails. */
export function jsonOf<T = any>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
