import { basename, extname } from 'node:path';

const SYMBOL = /^[A-Z0-9^][A-Z0-9.\-_^=]*$/;

/** Upper-cases and trims a ticker; returns null when it is not a usable symbol (e.g. has a slash). */
export function normaliseSymbol(text: string): string | null {
  const symbol = text.trim().toUpperCase();
  return SYMBOL.test(symbol) ? symbol : null;
}

/**
 * Derives a symbol from a price file's name when the file has no symbol column and none was
 * given: the name without its extension, and if it contains underscores only the part after
 * the last one, upper-cased (`aapl.csv` -> AAPL, `daily_adjusted_TSLA.csv` -> TSLA,
 * `^gspc.csv` -> ^GSPC). Returns null when the result is not a usable symbol.
 */
export function symbolFromFileName(path: string): string | null {
  const stem = basename(path, extname(path));
  const tail = stem.slice(stem.lastIndexOf('_') + 1);
  return tail === '' ? null : normaliseSymbol(tail);
}
