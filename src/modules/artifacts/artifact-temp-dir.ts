import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactContent, writeContentSync } from './artifact-content';
import { assertSafeName, tempDirPrefix } from './artifact-paths';

/**
 * Writes a run's artifact files into a new temporary directory beside where they belong
 * (`backtests/.<run-id>.tmp-…`) and returns its path; {@link ArtifactWriter.place} renames it
 * into place. Synchronous, for a worker thread that makes a batch's outputs: the thread that
 * stores the runs then only renames. On any error nothing is left behind.
 */
export function writeArtifactsToTempDir(backtestsDir: string, runId: string, files: Record<string, ArtifactContent>): string {
  assertSafeName(runId, 'run id');
  for (const name of Object.keys(files)) assertSafeName(name, 'artifact file name');
  mkdirSync(backtestsDir, { recursive: true });
  const temp = mkdtempSync(join(backtestsDir, tempDirPrefix(runId)));
  try {
    // Not synced to the disk, like every artifact file (see ArtifactWriter).
    for (const [name, data] of Object.entries(files)) {
      const fd = openSync(join(temp, name), 'wx');
      try {
        writeContentSync(fd, data);
      } finally {
        closeSync(fd);
      }
    }
    return temp;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
