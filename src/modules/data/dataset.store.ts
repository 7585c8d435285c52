import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isoDay } from '../../core/market/dates';
import { FileContent, writeFilesAtomically } from './atomic-files.writer';
import { formatCanonicalCsv } from './canonical-csv.writer';
import { contentHash } from './content-hash';
import { DatasetEntry, mergeCatalogue, readCatalogue } from './dataset-catalogue';
import { ParsedPriceCsv, PriceCsvParser } from './price-csv.loader';
import type { PriceColumns } from './price-columns';
import { priceColumnsFileContent, readPriceColumnsFile, writePriceColumnsFile } from './price-columns.file';
import { LoadedDataset, readPriceFile, toLoadedDataset } from './price-file.source';
import type { AdjustPolicy, BadRowPolicy, DataProblem } from './price-row';
import { normaliseSymbol } from './symbol-name';

/** Licence note recorded for user files when the importer gives none. */
export const DEFAULT_LICENCE_NOTE = 'not stated: user-supplied file, check the terms of its source';

/** Options of {@link DatasetStore.importFile}. */
export interface ImportOptions {
  /** Symbol of a single-symbol file (default: derived from the file name), or the one to keep from a long file. */
  symbol?: string;
  onBadRow?: BadRowPolicy;
  /** Licence note kept in the catalogue. */
  licence?: string;
  /** Replace a symbol already imported with other content (without it, such an import is refused). */
  replace?: boolean;
}

/** What an import did with each symbol of the file. */
export type ImportChange = 'added' | 'replaced' | 'unchanged';

/** What an import wrote, and the rows it dropped under `onBadRow: 'skip'`. */
export interface ImportResult {
  /** The catalogue entry of every symbol of the file (an unchanged symbol keeps its entry). */
  datasets: Array<DatasetEntry & { change: ImportChange }>;
  skippedRows: number;
  problems: DataProblem[];
}

/** An import would replace a symbol's data with other content and `replace` was not given. */
export class DatasetConflictError extends Error {
  constructor(readonly symbols: string[], message: string) {
    super(message);
    this.name = 'DatasetConflictError';
  }
}

/** Parsed datasets a store keeps for its next loads. */
const PARSED_DATASETS_KEPT = 8;

/**
 * The imported market data under a data directory:
 * `prices/<SYMBOL>.csv` (canonical raw rows, see canonical-csv.writer.ts) and `datasets.json`
 * (the catalogue). Imports validate everything before writing anything, and write atomically.
 */
export class DatasetStore {
  readonly pricesDir: string;
  readonly cataloguePath: string;
  /** Datasets parsed lately, by content hash, symbol and adjustment, most recent last. */
  private readonly parsed = new Map<string, LoadedDataset>();

  constructor(
    readonly dataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.pricesDir = join(dataDir, 'prices');
    this.cataloguePath = join(dataDir, 'datasets.json');
  }

  /**
   * Validates a price file and stores one canonical file per symbol. A symbol imported before
   * with the same content is left as it is; with other content it is replaced only with
   * `replace` (otherwise nothing is written and a {@link DatasetConflictError} names it).
   */
  importFile(path: string, options: ImportOptions = {}): ImportResult {
    return this.importFiles([{ path, ...options }]);
  }

  /**
   * Imports several files as one change: all are validated before anything is written, and
   * the canonical files and the catalogue are written together.
   */
  importFiles(requests: ReadonlyArray<ImportOptions & { path: string }>): ImportResult {
    const importedAt = this.clock().toISOString();
    const files: FileContent[] = [];
    const result: ImportResult = { datasets: [], skippedRows: 0, problems: [] };
    const current = new Map(this.list().map((e) => [e.symbol, e]));
    const conflicts: Array<{ symbol: string; text: string }> = [];
    for (const { path, ...options } of requests) {
      const { parsed } = readPriceFile(path, options);
      for (const [symbol, prices] of parsed.symbols) {
        const content = formatCanonicalCsv(prices, parsed.hasAdjClose, parsed.hasSplitCoefficient);
        const rows = prices.length;
        const firstDate = isoDay(prices.time[0]);
        const lastDate = isoDay(prices.time[rows - 1]);
        const sha256 = contentHash(content);
        const before = current.get(symbol);
        if (before?.sha256 === sha256) {
          result.datasets.push({ ...before, change: 'unchanged' });
          continue;
        }
        if (before !== undefined && !options.replace) {
          conflicts.push({ symbol, text: describeConflict(before, rows, firstDate, lastDate) });
        }
        files.push({ path: this.pricePath(symbol), content });
        // Parsed back from the CSV's own bytes: the columns a load of it gives, to the bit.
        const columns = wholeColumns(parseCanonical(this.pricePath(symbol), Buffer.from(content, 'utf8'), symbol), symbol);
        const columnsFile = columns && priceColumnsFileContent(columns, sha256);
        if (columnsFile) files.push({ path: this.columnsPath(symbol), content: columnsFile });
        result.datasets.push({
          change: before === undefined ? 'added' : 'replaced',
          symbol,
          file: `prices/${symbol}.csv`,
          source: basename(path),
          layout: parsed.layout,
          rows,
          firstDate,
          lastDate,
          hasAdjClose: parsed.hasAdjClose,
          hasSplitCoefficient: parsed.hasSplitCoefficient,
          sha256,
          licence: options.licence ?? DEFAULT_LICENCE_NOTE,
          importedAt,
        });
      }
      result.skippedRows += parsed.skippedRows;
      result.problems.push(...parsed.problems);
    }
    if (conflicts.length > 0) {
      const text = conflicts.map((c) => c.text).join('; ');
      throw new DatasetConflictError(
        conflicts.map((c) => c.symbol),
        `${text}: nothing was written; import with --replace to replace the stored data`,
      );
    }
    if (files.length === 0) return result;
    const written = result.datasets.filter((d) => d.change !== 'unchanged').map(({ change: _change, ...entry }) => entry);
    files.push({ path: this.cataloguePath, content: mergeCatalogue(this.list(), written) });
    writeFilesAtomically(files);
    return result;
  }

  /** The catalogue entries, sorted by symbol. */
  list(): DatasetEntry[] {
    return readCatalogue(this.cataloguePath);
  }

  /** True when `prices/` holds at least one dataset file. */
  hasDatasets(): boolean {
    return existsSync(this.pricesDir) && readdirSync(this.pricesDir).some((name) => name.endsWith('.csv'));
  }

  /**
   * Loads a stored symbol, adjusted by `adjust` (default 'auto'). Throws when the symbol was
   * never imported or its file no longer matches the hash recorded at import.
   */
  loadSymbol(symbol: string, options: { adjust?: AdjustPolicy } = {}): LoadedDataset {
    const wanted = normaliseSymbol(symbol);
    const entry = this.list().find((e) => e.symbol === wanted);
    if (entry === undefined) {
      throw new Error(`no dataset for symbol ${symbol} in ${this.dataDir}; import one with "data import <file.csv>"`);
    }
    const path = join(this.dataDir, entry.file);
    const bytes = readFileSync(path);
    const sha256 = contentHash(bytes);
    if (sha256 !== entry.sha256) {
      throw new Error(`${path} changed since it was imported (sha256 ${sha256}, catalogue ${entry.sha256}); import it again`);
    }
    // Parsing and validating is most of a load: the same content is parsed once and shared
    // (read-only) by the runs that load it, e.g. a batch of runs on one symbol.
    const key = `${sha256}|${entry.symbol}|${entry.layout}|${options.adjust ?? 'auto'}`;
    const cached = this.parsed.get(key);
    if (cached) {
      this.parsed.delete(key);
      this.parsed.set(key, cached);
      return cached;
    }
    const parsed = this.parse(path, bytes, entry, sha256);
    const loaded = { ...toLoadedDataset(parsed, entry.symbol, sha256, options.adjust ?? 'auto'), layout: entry.layout };
    this.parsed.set(key, loaded);
    if (this.parsed.size > PARSED_DATASETS_KEPT) this.parsed.delete(this.parsed.keys().next().value!);
    return loaded;
  }

  /**
   * A stored dataset's canonical file parsed: its columns from the columns file beside it when
   * that was parsed from this content, else from its bytes, which are then kept there for the
   * next load.
   */
  private parse(path: string, bytes: Buffer, entry: DatasetEntry, sha256: string): ParsedPriceCsv {
    const columnsPath = this.columnsPath(entry.symbol);
    const kept = readPriceColumnsFile(columnsPath, sha256);
    if (kept !== null) {
      return {
        file: path,
        layout: entry.layout,
        hasAdjClose: kept.adjClose !== null,
        hasSplitCoefficient: kept.splitCoefficient !== null,
        symbols: new Map([[entry.symbol, kept]]),
        records: kept.length,
        skippedRows: 0,
        problems: [],
      };
    }
    const parsed = parseCanonical(path, bytes, entry.symbol);
    const columns = wholeColumns(parsed, entry.symbol);
    if (columns !== null) writePriceColumnsFile(columnsPath, columns, sha256);
    return parsed;
  }

  /** Path of a symbol's parsed columns (see price-columns.file.ts). */
  columnsPath(symbol: string): string {
    return join(this.pricesDir, `${symbol}.columns`);
  }

  /** Path of a symbol's canonical file. */
  pricePath(symbol: string): string {
    return join(this.pricesDir, `${symbol}.csv`);
  }
}

/** A canonical file parsed from its bytes (a stored dataset's rows are plain ones, see plain-price-row.reader.ts). */
function parseCanonical(path: string, bytes: Buffer, symbol: string): ParsedPriceCsv {
  const parser = new PriceCsvParser({ file: path, symbol }, bytes.length);
  parser.pushBytes(bytes);
  return parser.end();
}

/** A canonical file's columns, when it parsed whole (a stored one always does): only those are kept as a columns file. */
function wholeColumns(parsed: ParsedPriceCsv, symbol: string): PriceColumns | null {
  const columns = parsed.symbols.get(symbol);
  return columns !== undefined && parsed.symbols.size === 1 && parsed.problems.length === 0 ? columns : null;
}

/** `AAPL is imported with other content (stored: 1260 rows 2013-05-13..2018-05-11 from aapl.csv; this file: ...)`. */
function describeConflict(before: DatasetEntry, rows: number, first: string, last: string): string {
  const stored = `${before.rows} rows ${before.firstDate}..${before.lastDate} from ${before.source}`;
  return `${before.symbol} is already imported with other content (stored: ${stored}; this file: ${rows} rows ${first}..${last})`;
}
