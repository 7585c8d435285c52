import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { faultPoint } from '../config/fault-points';
import { ArtifactContent, isChunked, writeContent } from './artifact-content';
import { renderArtifactFiles, RunArtifacts } from './artifact-files';
import { ARTIFACT_FILES, assertSafeName, isSafeName, runArtifactsDir, runOfTempDir, tempDirPrefix } from './artifact-paths';

export type { RunArtifacts } from './artifact-files';

/**
 * Writes and removes `backtests/<run-id>/`. A write is atomic: the files go to a temporary
 * directory beside it, which is renamed into place only when all are written, and removed on
 * any error, so a run directory is either complete or absent.
 */
@Injectable()
export class ArtifactWriter {
  /**
   * Writes the run's artifacts and returns their directory. Refuses to replace an existing one.
   * Aborting `signal` stops the write between files (nothing is left behind).
   */
  async write(backtestsDir: string, runId: string, artifacts: RunArtifacts, signal?: AbortSignal): Promise<string> {
    return this.writeFiles(backtestsDir, runId, renderArtifactFiles(artifacts), signal);
  }

  /** Writes files already rendered (see `renderArtifactFiles`) as the run's artifacts, atomically like {@link write}. */
  async writeFiles(backtestsDir: string, runId: string, files: Record<string, ArtifactContent>, signal?: AbortSignal): Promise<string> {
    const target = runArtifactsDir(backtestsDir, runId);
    for (const name of Object.keys(files)) assertSafeName(name, 'artifact file name');
    if (await exists(target)) throw new Error(`Artifacts of run ${runId} already exist at ${target}`);

    await mkdir(backtestsDir, { recursive: true });
    const temp = await mkdtemp(join(backtestsDir, tempDirPrefix(runId)));
    // Files written off this thread (see ChunkedContent.writeTo) are written while the others are.
    const elsewhere: Array<Promise<void>> = [];
    try {
      for (const [name, data] of Object.entries(files)) {
        signal?.throwIfAborted();
        if (isChunked(data) && data.writeTo) {
          const written = writeNew(join(temp, name), data);
          written.catch(() => undefined);
          elsewhere.push(written);
        } else {
          await writeNew(join(temp, name), data);
        }
        await faultPoint('artifacts-partial', signal);
      }
      await Promise.all(elsewhere);
      await rename(temp, target);
      return target;
    } catch (error) {
      await Promise.allSettled(elsewhere);
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Renames a directory written by `writeArtifactsToTempDir` into place as the run's artifacts
   * and returns their directory. Refuses to replace existing ones; on any error the temporary
   * directory is removed.
   */
  async place(backtestsDir: string, runId: string, tempDir: string): Promise<string> {
    const target = runArtifactsDir(backtestsDir, runId);
    try {
      if (resolve(dirname(tempDir)) !== resolve(backtestsDir) || !basename(tempDir).startsWith(tempDirPrefix(runId))) {
        throw new Error(`${tempDir} is not a temporary artifact directory of run ${runId} in ${backtestsDir}`);
      }
      if (await exists(target)) throw new Error(`Artifacts of run ${runId} already exist at ${target}`);
      await rename(tempDir, target);
      return target;
    } catch (error) {
      await rm(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Removes the run's artifacts and any temporary directory a crashed write left. True when the
   * run had artifacts. An id that cannot name a directory never had any: nothing to remove.
   */
  async removeRunArtifacts(backtestsDir: string, runId: string): Promise<boolean> {
    if (!isSafeName(runId)) return false;
    const target = runArtifactsDir(backtestsDir, runId);
    const existed = await exists(target);
    await rm(target, { recursive: true, force: true });
    const leftovers = (await readdir(backtestsDir).catch(() => [] as string[])).filter((n) => n.startsWith(tempDirPrefix(runId)));
    for (const name of leftovers) await rm(join(backtestsDir, name), { recursive: true, force: true });
    return existed;
  }

  /** The temporary directories that writes left in `backtestsDir`, by run id. */
  async leftoverTempDirs(backtestsDir: string): Promise<Array<{ runId: string; path: string }>> {
    const names = await readdir(backtestsDir).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const runId = runOfTempDir(name);
      return runId === null ? [] : [{ runId, path: join(backtestsDir, name) }];
    });
  }

  /** Removes one directory found by {@link leftoverTempDirs}. */
  async removeTempDir(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }

  /** The run's parsed manifest, or null when the run has no artifacts. */
  async readManifest(backtestsDir: string, runId: string): Promise<Record<string, unknown> | null> {
    try {
      const text = await readFile(join(runArtifactsDir(backtestsDir, runId), ARTIFACT_FILES.manifest), 'utf8');
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/**
 * Writes a new file. Not synced to the disk: like the database (WAL, synced at checkpoints), a
 * crash of the process loses nothing and the rename keeps a run's directory whole, while a power
 * cut may lose the latest runs' files. A sync per file cost more than the rest of a short run.
 */
async function writeNew(path: string, data: ArtifactContent): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await writeContent(handle, data);
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}
