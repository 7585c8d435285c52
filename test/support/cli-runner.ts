import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The compiled CLI entry (`npm test` builds it first). */
export const CLI_ENTRY = resolve(__dirname, '..', '..', 'dist', 'src', 'cli.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run: this process's, without debug output, with `env` over it. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  if (!existsSync(CLI_ENTRY)) throw new Error(`${CLI_ENTRY} is missing: run "npm run build" first (npm test does)`);
  return { ...process.env, TRADINGGROUP_DEBUG: '', ...env };
}

/** Runs the real `tradinggroup` CLI in `cwd` with extra environment variables. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const out = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd,
    env: cliEnv(env),
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

/** A temp directory with its own database, data and backtests folders, and the CLI bound to it. */
export interface CliSandbox {
  dir: string;
  env: Record<string, string>;
  cli: (...args: string[]) => CliResult;
  /** Runs the CLI with its standard output piped into a shell command, e.g. `head -3`. */
  piped: (args: string[], reader: string) => CliResult;
  /** Runs the CLI with a shell command's output piped into its standard input, e.g. `cat big.txt`. */
  fed: (writer: string, args: string[]) => CliResult;
  remove(): void;
}

export function cliSandbox(prefix = 'tg-cli-'): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    TRADINGGROUP_DB: join(dir, 'db', 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
  };
  return {
    dir,
    env,
    cli: (...args) => runCli(args, dir, env),
    piped: (args, reader) => runCliPiped(args, reader, dir, env),
    fed: (writer, args) => runCliFed(writer, args, dir, env),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs the real CLI with its standard output going through a real pipe into `reader` (a shell
 * command such as `head -3`). `status` is the CLI's own exit code; `stdout` is what the reader
 * printed; `stderr` is the CLI's.
 */
export function runCliPiped(args: string[], reader: string, cwd: string, env: Record<string, string> = {}): CliResult {
  const script = `"$0" "$@" | ${reader}; exit "\${PIPESTATUS[0]}"`;
  const out = spawnSync('bash', ['-c', script, process.execPath, CLI_ENTRY, ...args], {
    cwd,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: out.status ?? -1, stdout: out.stdout, stderr: out.stderr };
}

/**
 * Runs the real CLI without blocking this process (for tests that serve it from here, such as a
 * scripted model server): resolves when it exits.
 */
export function runCliAsync(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/**
 * Runs the real CLI with its standard input coming through a real pipe from `writer` (a shell
 * command such as `cat big.txt`). `status` is the CLI's exit code.
 */
export function runCliFed(writer: string, args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const out = spawnSync('bash', ['-c', `${writer} | "$0" "$@"`, process.execPath, CLI_ENTRY, ...args], {
    cwd,
    env: cliEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: out.status ?? -1, stdout: out.stdout, stderr: out.stderr };
}
