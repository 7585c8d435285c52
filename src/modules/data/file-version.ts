import { realpathSync, statSync } from 'node:fs';

/**
 * A regular file's version: its real path, inode, size and modification time, which change when
 * it is replaced or written. Null for a path that is missing or not a regular file (a pipe is
 * read afresh each time).
 */
export function fileVersion(path: string): string | null {
  try {
    const real = realpathSync(path);
    const s = statSync(real);
    return s.isFile() ? `${real}:${s.ino}:${s.size}:${s.mtimeMs}` : null;
  } catch {
    return null;
  }
}
