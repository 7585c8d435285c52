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

/** Throws unless `name` is a plain file or directory name (no separators, no leading dot, no `..`). */
export function assertSafeName(name: string, what: string): void {
  if (!SAFE_NAME.test(name) || name.includes('..') || name.length > 200) {
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
