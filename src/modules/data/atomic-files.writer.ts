import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A file to write: absolute path and full content (text is written as UTF-8). */
export interface FileContent {
  path: string;
  content: string | Uint8Array;
}

/**
 * Writes several files so that none is ever seen half-written: every content first goes to a
 * temporary file beside its target, and only when all of them are written are they renamed into
 * place (rename is atomic within a directory). If any write fails, the temporary files are
 * removed and no target is touched.
 */
export function writeFilesAtomically(files: readonly FileContent[]): void {
  const staged: Array<{ temp: string; path: string }> = [];
  try {
    for (const { path, content } of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      staged.push({ temp, path });
      writeFileSync(temp, content);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, path } of staged) renameSync(temp, path);
}

/** Writes one file atomically (see {@link writeFilesAtomically}). */
export function writeFileAtomically(path: string, content: string | Uint8Array): void {
  writeFilesAtomically([{ path, content }]);
}
