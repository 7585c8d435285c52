import { fileVersion } from './file-version';
import type { ReadPriceFile } from './price-file.source';
import type { BadRowPolicy } from './price-row';

/**
 * The last price file read, kept until the same version of the same file is asked for again: a
 * command reads a `--data` file to learn its symbol and range, then the run reads it; both get
 * one parse. The second read takes it: the memo lets it go then, so a long file's columns are
 * not held for the rest of the command (or of a server's life) once the run has what it needs.
 * A version is the file's real path, inode, size and modification time (fileVersion); the
 * content hash the run records is the one computed when the bytes were read.
 */
export class ParsedPriceFileMemo {
  private last: { keys: Set<string>; read: ReadPriceFile } | null = null;

  /**
   * The file read with these options, taken from the memo when the same version was read with
   * them (or read without a symbol and found to hold `symbol` alone), else read by `read` and kept.
   */
  get(path: string, options: { symbol?: string; onBadRow?: BadRowPolicy }, read: () => ReadPriceFile): ReadPriceFile {
    const version = fileVersion(path);
    const key = (symbol: string | undefined) => JSON.stringify([version, options.onBadRow ?? 'error', symbol?.toUpperCase() ?? null]);
    if (version !== null && this.last?.keys.has(key(options.symbol))) {
      const taken = this.last.read;
      this.last = null;
      return taken;
    }
    const result = read();
    if (version === null) return result;
    const keys = new Set([key(options.symbol)]);
    const symbols = [...result.parsed.symbols.keys()];
    // A one-symbol file read without --symbol is read the same way with its own symbol.
    if (symbols.length === 1) keys.add(key(symbols[0]));
    this.last = { keys, read: result };
    return result;
  }
}
