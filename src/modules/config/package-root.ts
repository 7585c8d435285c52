import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

let cached: string | undefined;

/**
 * The installed package's root directory (where package.json and strategies/ live), found by
 * walking up from this file: the same answer from sources (tests) and from dist/.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'tradinggroup-ts') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the tradinggroup-ts package root above ${__dirname}`);
    dir = parent;
  }
}

/**
 * The compiled file `name` beside the module `moduleFile` (its `__filename`), for a worker
 * thread's entry: Node cannot start a `.ts` worker, so a module running from sources (ts-jest)
 * gets the one compiled into dist/.
 */
export function compiledBeside(moduleFile: string, name: string): string {
  const dir = dirname(moduleFile);
  if (!moduleFile.endsWith('.ts')) return join(dir, name);
  return join(packageRoot(), 'dist', relative(packageRoot(), dir), name);
}

let version: string | undefined;

/** The package's version from its package.json (read once per process: every run's manifest records it). */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}
