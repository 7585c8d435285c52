import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileContentHash } from './content-hash';

/** A file a run read, as its manifest records it. */
export interface KeptInput {
  /** SHA-256 of the file's bytes. */
  sha256: string;
  /** The file's name as the user gave it (without its directory). */
  name: string;
  /** The kept copy, relative to the data directory: `inputs/<sha256><extension>`. */
  stored: string;
}

/** Where kept copies live, relative to the data directory. */
export const INPUTS_DIR = 'inputs';

/**
 * Files given to runs (`--data`, `--news`, `--fundamentals`, `--filing`) kept by content under
 * `<dataDir>/inputs/`, so a replay reads exactly what the run read, from any directory, whatever
 * became of the original. A copy is written once per content (atomically: copied beside its
 * place, checked, then renamed) and never changed.
 */
export class InputFileStore {
  constructor(readonly dataDir: string) {}

  /**
   * Keeps a copy of a file a run has just read with the SHA-256 `sha256` (refused when the file
   * no longer has that content: it changed while the run was reading it).
   */
  keep(path: string, sha256: string): KeptInput {
    const stored = `${INPUTS_DIR}/${sha256}${extname(path).toLowerCase()}`;
    const target = join(this.dataDir, stored);
    if (!existsSync(target)) {
      // Copied by the system and hashed a block at a time: a large price file is never held whole.
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        copyFileSync(path, temp);
        const now = fileContentHash(temp);
        if (now !== sha256) throw new Error(`${path} changed while the run was reading it (sha256 ${sha256}, now ${now}); run it again`);
        renameSync(temp, target);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    }
    return { sha256, name: basename(path), stored };
  }

  /** The absolute path of a kept copy; a recorded name that would leave the store is refused. */
  pathOf(stored: string): string {
    const relative = normalize(stored);
    if (isAbsolute(relative) || !relative.startsWith(`${INPUTS_DIR}${sep}`) || relative.split(sep).includes('..')) {
      throw new Error(`"${stored}" is not a kept input file (expected ${INPUTS_DIR}/<sha256>)`);
    }
    const path = join(this.dataDir, relative);
    if (!existsSync(path)) throw new Error(`the kept input ${path} is missing from the data directory`);
    return path;
  }
}
