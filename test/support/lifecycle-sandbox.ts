import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliResult, runCli } from './cli-runner';
import { LiveProcess, startCli } from './live-process';

/** A folder where real CLI processes run: the sample data set up once, a database per test. */
export interface LifecycleSandbox {
  dir: string;
  backtests: string;
  /** The processes' environment; `TRADINGGROUP_DB` is the current test's database. */
  env: Record<string, string>;
  cli(...args: string[]): CliResult;
  /** Starts the CLI held at the test-only fault point `point` (TRADINGGROUP_FAULT_POINT). */
  atFault(point: string, args: string[]): LiveProcess;
}

/**
 * Declares, inside a `describe`, the hooks of a lifecycle sandbox: `data setup` before all
 * tests, a fresh database (`<dbPrefix>-<n>.sqlite`) before each, the folder removed after all.
 */
export function lifecycleSandbox(dirPrefix: string, dbPrefix: string, extraEnv: Record<string, string> = {}): LifecycleSandbox {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const backtests = join(dir, 'backtests');
  const env: Record<string, string> = {
    TRADINGGROUP_DB: '',
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: backtests,
    ...extraEnv,
  };
  const cli = (...args: string[]) => runCli(args, dir, env);
  let tests = 0;
  beforeAll(() => {
    env.TRADINGGROUP_DB = join(dir, 'db', 'setup.sqlite');
    expect(cli('data', 'setup').status).toBe(0);
  });
  beforeEach(() => {
    env.TRADINGGROUP_DB = join(dir, 'db', `${dbPrefix}-${++tests}.sqlite`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, backtests, env, cli, atFault: (point, args) => startCli(args, dir, { ...env, TRADINGGROUP_FAULT_POINT: point }) };
}
