import { FileHandle, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
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
    for (const name of Object.keys(files)) assertSafeName(name, 'artifact file name');
    return this.complete(await this.begin(backtestsDir, runId), files, signal);
  }

  /**
   * Starts the run's artifact directory (a temporary one beside its place), for a caller that
   * writes a file before it has made the others: a long run's equity.csv, written on a thread of
   * its own while the run's report is made. Refuses a run that has artifacts already. The
   * draft is then completed ({@link complete}) or discarded.
   */
  async begin(backtestsDir: string, runId: string): Promise<ArtifactDraft> {
    const target = runArtifactsDir(backtestsDir, runId);
    if (await exists(target)) throw new Error(`Artifacts of run ${runId} already exist at ${target}`);
    await mkdir(backtestsDir, { recursive: true });
    return new ArtifactDraft(await mkdtemp(join(backtestsDir, tempDirPrefix(runId))), target);
  }

  /**
   * Writes the files into the draft and puts it in place as the run's artifacts; returns their
   * directory. Aborting `signal` stops the write between files; on any error the draft is removed.
   */
  async complete(draft: ArtifactDraft, files: Record<string, ArtifactContent>, signal?: AbortSignal): Promise<string> {
    try {
      for (const [name, data] of Object.entries(files)) {
        signal?.throwIfAborted();
        await draft.write(name, data);
        await faultPoint('artifacts-partial', signal);
      }
      return await draft.place();
    } catch (error) {
      await draft.discard();
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

/** A run's artifact directory being written: a temporary directory until it is placed. */
export class ArtifactDraft {
  // Files written off this thread (see ChunkedContent.writeTo) are written while the others are.
  private readonly elsewhere: Array<Promise<void>> = [];

  constructor(
    private readonly temp: string,
    private readonly target: string,
  ) {}

  /**
   * Writes a file; one its content writes off this thread is only started (awaited when
   * placed): the file is open and the other thread has its first rows when this resolves, so it
   * goes on while this thread computes.
   */
  async write(name: string, data: ArtifactContent): Promise<void> {
    assertSafeName(name, 'artifact file name');
    const handle = await open(join(this.temp, name), 'wx');
    const written = writeAndClose(handle, data);
    if (isChunked(data) && data.writeTo) {
      written.catch(() => undefined);
      this.elsewhere.push(written);
    } else {
      await written;
    }
  }

  /** Waits for the files still being written, then renames the directory into place. */
  async place(): Promise<string> {
    await Promise.all(this.elsewhere);
    await rename(this.temp, this.target);
    return this.target;
  }

  /** Removes the directory once the files still being written have settled. */
  async discard(): Promise<void> {
    await Promise.allSettled(this.elsewhere);
    await rm(this.temp, { recursive: true, force: true });
  }
}

/**
 * Writes a new file (opened by the caller) and closes it. Not synced to the disk: like the database (WAL, synced at checkpoints), a
 * crash of the process loses nothing and the rename keeps a run's directory whole, while a power
 * cut may lose the latest runs' files. A sync per file cost more than the rest of a short run.
 */
async function writeAndClose(handle: FileHandle, data: ArtifactContent): Promise<void> {
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
