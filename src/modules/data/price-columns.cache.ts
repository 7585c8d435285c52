import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-files.writer';
import type { PriceColumns } from './price-columns';
import type { ParsedPriceCsv } from './price-csv.loader';
import type { PriceLayoutName } from './price-row';

const MAGIC = 'tradinggroup-price-columns-v1\n';
const HEADER_BYTES = 512;
const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

interface CacheHeader {
  symbol: string;
  sha256: string;
  layout: PriceLayoutName;
  hasAdjClose: boolean;
  hasSplitCoefficient: boolean;
  records: number;
  length: number;
  adjClose: boolean;
  splitCoefficient: boolean;
}

/**
 * The columns a stored dataset's CSV parses to, kept beside it as raw float64 bytes
 * (`<dataDir>/cache/columns/<SYMBOL>.<sha256>.f64`) so that a run loads them instead of parsing
 * the text again: parsing is most of a load, and a comparison over 200 symbols loads 200 files.
 * A file is named by the SHA-256 of the CSV it was parsed from, which the store checks before
 * any load, so it never stands for other content. Only a parse without problems is kept (a
 * stored CSV always parses so); a CSV whose columns are not kept, or cannot be written here (a
 * read-only data directory), is parsed as before.
 */
export class PriceColumnsCache {
  constructor(private readonly dir: string) {}

  /** The parse of the CSV at `file` with this symbol and SHA-256, or null when it is not kept. */
  read(file: string, symbol: string, sha256: string): ParsedPriceCsv | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(symbol, sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const header = headerOf(bytes);
    if (header === null || header.symbol !== symbol || header.sha256 !== sha256) return null;
    const n = header.length;
    const names: string[] = [...COLUMNS, ...(header.adjClose ? ['adjClose'] : []), ...(header.splitCoefficient ? ['splitCoefficient'] : [])];
    if (bytes.length !== HEADER_BYTES + names.length * n * 8) return null;
    const column = (k: number): Float64Array => {
      const out = new Float64Array(n);
      new Uint8Array(out.buffer).set(bytes.subarray(HEADER_BYTES + k * n * 8, HEADER_BYTES + (k + 1) * n * 8));
      return out;
    };
    const columns: PriceColumns = {
      length: n,
      time: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5),
      adjClose: header.adjClose ? column(6) : null,
      splitCoefficient: header.splitCoefficient ? column(header.adjClose ? 7 : 6) : null,
    };
    return {
      file, layout: header.layout, hasAdjClose: header.hasAdjClose, hasSplitCoefficient: header.hasSplitCoefficient,
      symbols: new Map([[symbol, columns]]), records: header.records, skippedRows: 0, problems: [],
    };
  }

  /**
   * Keeps the columns of a parse of one symbol without problems, and removes the symbol's
   * columns of other content. A failure to write leaves the CSV to be parsed again next time.
   */
  write(symbol: string, sha256: string, parsed: ParsedPriceCsv): void {
    const columns = parsed.symbols.get(symbol);
    if (columns === undefined || parsed.symbols.size !== 1 || parsed.problems.length > 0) return;
    const header: CacheHeader = {
      symbol, sha256, layout: parsed.layout, hasAdjClose: parsed.hasAdjClose, hasSplitCoefficient: parsed.hasSplitCoefficient,
      records: parsed.records, length: columns.length, adjClose: columns.adjClose !== null, splitCoefficient: columns.splitCoefficient !== null,
    };
    const arrays = [...COLUMNS.map((name) => columns[name]), ...(columns.adjClose ? [columns.adjClose] : []), ...(columns.splitCoefficient ? [columns.splitCoefficient] : [])];
    const bytes = Buffer.alloc(HEADER_BYTES + arrays.length * columns.length * 8);
    const text = `${MAGIC}${JSON.stringify(header)}\n`;
    if (Buffer.byteLength(text) > HEADER_BYTES) return;
    bytes.write(text, 0, 'utf8');
    arrays.forEach((array, k) => bytes.set(new Uint8Array(array.buffer, array.byteOffset, columns.length * 8), HEADER_BYTES + k * columns.length * 8));
    try {
      writeFileAtomically(this.pathOf(symbol, sha256), bytes);
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(`${symbol}.`) && name.endsWith('.f64') && name !== `${symbol}.${sha256}.f64`) rmSync(join(this.dir, name), { force: true });
      }
    } catch {
      // Keeping the columns only saves the next parse; the CSV stays what is read.
    }
  }

  private pathOf(symbol: string, sha256: string): string {
    return join(this.dir, `${symbol}.${sha256}.f64`);
  }
}

function headerOf(bytes: Buffer): CacheHeader | null {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
  const end = bytes.indexOf(10, MAGIC.length);
  if (end === -1 || end >= HEADER_BYTES) return null;
  try {
    return JSON.parse(bytes.toString('utf8', MAGIC.length, end)) as CacheHeader;
  } catch {
    return null;
  }
}
