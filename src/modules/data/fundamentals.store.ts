import { readFileSync } from 'node:fs';
import { EPS_FILE, readTextFile } from './text-file.reader';
import { basename, join } from 'node:path';
import { isoDay } from '../../core/market/dates';
import { FileContent, writeFilesAtomically } from './atomic-files.writer';
import { contentHash } from './content-hash';
import { FundamentalsEntry, mergeFundamentalsCatalogue, readFundamentalsCatalogue } from './fundamentals-catalogue';
import { earningsSymbol, parseEarningsCsv, StoredEarningsRecord } from './fundamentals-csv.parser';
import type { BadRowPolicy, DataProblem } from './price-row';

/** Options of {@link FundamentalsStore.importFile}. */
export interface FundamentalsImportOptions {
  /** Keep only this symbol of the file. */
  symbol?: string;
  onBadRow?: BadRowPolicy;
}

/** What a fundamentals import wrote. */
export interface FundamentalsImportResult {
  file: string;
  /** Catalogue entries of the symbols the file touched. */
  symbols: FundamentalsEntry[];
  /** Valid records read. */
  records: number;
  inferredQuarters: number;
  skippedRows: number;
  problems: DataProblem[];
}

/**
 * Earnings under a data directory: `fundamentals/<SYMBOL>.json` (`{version, symbol, records}`,
 * records ascending by announcement day, one per line) and `fundamentals.json` (the catalogue).
 * An import validates the whole file first, merges by announcement day (a record of the same
 * symbol and day replaces the stored one, so a re-import changes nothing), and writes every
 * symbol file and the catalogue atomically together.
 */
export class FundamentalsStore {
  readonly fundamentalsDir: string;
  readonly cataloguePath: string;

  constructor(
    readonly dataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.fundamentalsDir = join(dataDir, 'fundamentals');
    this.cataloguePath = join(dataDir, 'fundamentals.json');
  }

  importFile(path: string, options: FundamentalsImportOptions = {}): FundamentalsImportResult {
    const parsed = parseEarningsCsv(readTextFile(path, EPS_FILE).toString('utf8'), { file: path, symbol: options.symbol, onBadRow: options.onBadRow });
    const importedAt = this.clock().toISOString();
    const current = new Map(this.list().map((e) => [e.symbol, e]));
    const files: FileContent[] = [];
    const result: FundamentalsImportResult = { file: path, symbols: [], records: 0, inferredQuarters: parsed.inferredQuarters, skippedRows: parsed.skippedRows, problems: parsed.problems };
    for (const [symbol, incoming] of parsed.symbols) {
      const previous = current.get(symbol);
      const byDay = new Map((previous ? this.readVerified(previous) : []).map((r) => [r.announceDay, r]));
      for (const record of incoming) byDay.set(record.announceDay, record);
      result.records += incoming.length;
      const records = [...byDay.values()].sort((a, b) => a.announceDay - b.announceDay);
      const content = formatEarningsFile(symbol, records);
      files.push({ path: this.earningsPath(symbol), content });
      const imports = previous?.imports ?? [];
      result.symbols.push({
        symbol,
        file: `fundamentals/${symbol}.json`,
        quarters: records.length,
        firstQuarter: records[0].quarter,
        lastQuarter: records[records.length - 1].quarter,
        firstAnnounced: isoDay(records[0].announceDay),
        lastAnnounced: isoDay(records[records.length - 1].announceDay),
        inferredQuarters: records.filter((r) => r.quarterInferred).length,
        imports: imports.includes(basename(path)) ? imports : [...imports, basename(path)],
        sha256: contentHash(content),
        importedAt,
      });
    }
    files.push({ path: this.cataloguePath, content: mergeFundamentalsCatalogue([...current.values()], result.symbols) });
    writeFilesAtomically(files);
    return result;
  }

  /** The catalogue entries, sorted by symbol. */
  list(): FundamentalsEntry[] {
    return readFundamentalsCatalogue(this.cataloguePath);
  }

  /**
   * A symbol's earnings, ascending by announcement day, with their SHA-256. Throws when the
   * symbol was never imported or its file no longer matches the hash recorded at import.
   */
  load(symbol: string): { symbol: string; records: StoredEarningsRecord[]; sha256: string } {
    const wanted = earningsSymbol(symbol);
    const entry = this.list().find((e) => e.symbol === wanted);
    if (entry === undefined) throw new Error(`no fundamentals for symbol ${symbol} in ${this.dataDir}; import some with "data import-fundamentals <file>"`);
    return { symbol: entry.symbol, records: this.readVerified(entry), sha256: entry.sha256 };
  }

  /** Path of a symbol's canonical earnings file. */
  earningsPath(symbol: string): string {
    return join(this.fundamentalsDir, `${symbol}.json`);
  }

  private readVerified(entry: FundamentalsEntry): StoredEarningsRecord[] {
    const path = join(this.dataDir, entry.file);
    const text = readFileSync(path, 'utf8');
    const sha256 = contentHash(text);
    if (sha256 !== entry.sha256) throw new Error(`${path} changed since it was imported (sha256 ${sha256}, catalogue ${entry.sha256}); import it again`);
    return (JSON.parse(text) as { records: StoredEarningsRecord[] }).records;
  }
}

/** The canonical file: fixed key order, one record a line. */
export function formatEarningsFile(symbol: string, records: readonly StoredEarningsRecord[]): string {
  const lines = records.map((r) => {
    const { symbol: s, announceDay, releaseTime, quarter, epsEstimate, epsActual, publishedAt, quarterLabel, quarterInferred } = r;
    return `    ${JSON.stringify({ symbol: s, announceDay, releaseTime, quarter, epsEstimate, epsActual, publishedAt, quarterLabel, quarterInferred })}`;
  });
  return `{\n  "version": 1,\n  "symbol": ${JSON.stringify(symbol)},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
