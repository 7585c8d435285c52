import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

/** What each kind of input file is expected to be, as refusals say it. */
export const PRICE_FILE = 'a price CSV';
export const NEWS_FILE = 'a news file (CSV or JSON Lines)';
export const EPS_FILE = 'an EPS CSV (symbol,date,qtr,eps_est,eps,release_time)';
export const FILING_FILE = 'a filing file (JSON Lines or text)';

/** How many leading bytes are looked at to tell text from binary data. */
const SNIFF_BYTES = 8000;

/**
 * Reads an input file that must be text (CSV, JSON Lines, plain text). Problems are one line
 * naming the file: a missing file, a directory, no permission, or binary content (its bytes are
 * never echoed: a NUL byte, or more than 10% control characters, in the first 8,000 bytes). `what`
 * says what was expected, e.g. "a price CSV".
 */
export function readTextFile(path: string, what: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`${path}: ${unreadable(error as NodeJS.ErrnoException)}`);
  }
  assertText(bytes, path, what);
  return bytes;
}

/** Bytes read at a time by {@link forEachTextBlock}. */
const BLOCK_BYTES = 1 << 20;

/**
 * {@link readTextFile} a block at a time, for files too large to hold whole beside what is made
 * of them: `onBlock` gets each block (valid only during the call; a block may end inside a
 * character) and the file's size. The same refusals, in one line naming the file.
 */
export function forEachTextBlock(path: string, what: string, onBlock: (block: Buffer, size: number) => void): void {
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new Error(`${path}: ${unreadable(error as NodeJS.ErrnoException)}`);
  }
  try {
    const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
    let first = true;
    for (;;) {
      let read: number;
      try {
        size ??= fstatSync(fd).size;
        read = readSync(fd, buffer, 0, BLOCK_BYTES, null);
      } catch (error) {
        throw new Error(`${path}: ${unreadable(error as NodeJS.ErrnoException)}`);
      }
      if (read === 0) return;
      const block = buffer.subarray(0, read);
      if (first) assertText(block, path, what);
      first = false;
      onBlock(block, size);
    }
  } finally {
    closeSync(fd);
  }
}

/** Refuses binary content in one line naming `source` (a file, or "standard input"). */
export function assertText(bytes: Uint8Array, source: string, what: string): void {
  if (looksBinary(bytes)) throw new Error(`${source}: not a text file (binary content); expected ${what}`);
}

/** True for content with a NUL byte, or more than 10% control characters, in its first 8,000 bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Tab, line feed, form feed, carriage return and escape occur in text.
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return control > n / 10;
}

function unreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return `cannot be read (${error.code ?? error.message})`;
  }
}

/**
 * A piece of an input file as a message quotes it: control characters escaped (a message must
 * not drive the terminal) and at most `max` characters.
 */
export function quoted(text: string, max = 120): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return shown.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
