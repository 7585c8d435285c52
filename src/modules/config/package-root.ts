import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
 * The compiled file at `pathInSrc` (relative to src/, e.g. `modules/artifacts/equity-csv.worker.js`),
 * for a worker thread's entry. Found from the package root, not from the calling module's own
 * file: Node cannot start a `.ts` worker, so a module running from sources (ts-jest) gets the one
 * compiled into dist/, and a module inside the command-line bundle (see scripts/bundle-cli.js)
 * has the bundle's file name, not its own.
 */
export function threadEntry(pathInSrc: string): string {
  return join(packageRoot(), 'dist', 'src', pathInSrc);
}

let version: string | undefined;

/** The package's version from its package.json (read once per process: every run's manifest records it). */
export function packageVersion(): string {
  return (version ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}
