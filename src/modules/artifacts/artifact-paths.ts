import { join } from 'node:path';

/** Standard file names inside `backtests/<run-id>/`. */
export const ARTIFACT_FILES = {
  manifest: 'manifest.json',
  metrics: 'metrics.json',
  equity: 'equity.csv',
  trades: 'trades.csv',
  orders: 'orders.csv',
} as const;

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Longest name accepted for a run directory or an artifact file. */
export const MAX_NAME_LENGTH = 200;

/** True for a plain file or directory name (no separators, no leading dot, no `..`). */
export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes('..') && name.length <= MAX_NAME_LENGTH;
}

/** Throws unless `name` is a plain file or directory name (see {@link isSafeName}). */
export function assertSafeName(name: string, what: string): void {
  if (!isSafeName(name)) {
    throw new Error(`Invalid ${what}: ${JSON.stringify(name)}`);
  }
}

/** The artifact directory of a run. */
export function runArtifactsDir(backtestsDir: string, runId: string): string {
  assertSafeName(runId, 'run id');
  return join(backtestsDir, runId);
}

/** Prefix of the temporary directories a write of this run uses. */
export function tempDirPrefix(runId: string): string {
  return `.${runId}.tmp-`;
}

const TEMP_DIR = /^\.(.+)\.tmp-[A-Za-z0-9]{6}$/;

/** The run whose write left the temporary directory `name`, or null for any other name. */
export function runOfTempDir(name: string): string | null {
  return TEMP_DIR.exec(name)?.[1] ?? null;
}
