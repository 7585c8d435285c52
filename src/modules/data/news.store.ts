import { readFileSync } from 'node:fs';
import { NEWS_FILE, readTextFile } from './text-file.reader';
import { basename, join } from 'node:path';
import { FileContent, writeFilesAtomically } from './atomic-files.writer';
import { contentHash } from './content-hash';
import { ParsedNewsCache } from './parsed-news.cache';
import { byTimeThenId } from '../../core/market/news';
import { parseNewsText } from './news-file.parser';
import { mergeNewsCatalogue, NewsEntry, readNewsCatalogue } from './news-catalogue';
import type { NewsLayoutName, StoredNewsItem } from './news-layout';
import type { BadRowPolicy, DataProblem } from './price-row';
import { normaliseSymbol, symbolFromFileName } from './symbol-name';

/** Options of {@link NewsStore.importFile}. */
export interface NewsImportOptions {
  /** Symbol of a file without a symbol field (default: from the file name), or the one to keep. */
  symbol?: string;
  onBadRow?: BadRowPolicy;
  /** IANA zone of timestamps without an offset (default America/New_York). */
  timeZone?: string;
}

/** What a news import wrote. */
export interface NewsImportResult {
  file: string;
  layout: NewsLayoutName;
  /** Catalogue entries of the symbols the file touched. */
  symbols: NewsEntry[];
  /** Items read from the file (valid ones). */
  items: number;
  /** Items whose id was not stored before. */
  added: number;
  skippedRows: number;
  problems: DataProblem[];
}

/** One symbol's stored news, optionally cut to a time range. */
export interface LoadedNews {
  symbol: string;
  /** Frozen, sorted by time (ties by id). */
  items: readonly StoredNewsItem[];
  /** SHA-256 of the whole canonical file (for run manifests), whatever the range. */
  sha256: string;
}

/**
 * News under a data directory: `news/<SYMBOL>.jsonl` (one item a line, sorted by time then
 * id, keys in a fixed order) and `news.json` (the catalogue). An import validates the whole file
 * first, merges its items into what is stored by id (a re-import changes nothing), and writes the
 * symbol files and the catalogue atomically together.
 */
export class NewsStore {
  readonly newsDir: string;
  readonly cataloguePath: string;
  private readonly parsed = new ParsedNewsCache<StoredNewsItem[]>();

  constructor(
    readonly dataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.newsDir = join(dataDir, 'news');
    this.cataloguePath = join(dataDir, 'news.json');
  }

  importFile(path: string, options: NewsImportOptions = {}): NewsImportResult {
    const parsed = parseNewsText(readTextFile(path, NEWS_FILE).toString('utf8'), {
      file: path,
      symbol: options.symbol,
      fallbackSymbol: symbolFromFileName(path) ?? undefined,
      onBadRow: options.onBadRow,
      timeZone: options.timeZone,
    });
    const importedAt = this.clock().toISOString();
    const current = this.list();
    const files: FileContent[] = [];
    const result: NewsImportResult = { file: path, layout: parsed.layout, symbols: [], items: 0, added: 0, skippedRows: parsed.skippedRows, problems: parsed.problems };
    for (const [symbol, incoming] of parsed.symbols) {
      const previous = current.find((e) => e.symbol === symbol);
      const merged = new Map((previous ? this.readVerified(previous) : []).map((item) => [item.id, item]));
      for (const item of incoming) {
        if (!merged.has(item.id)) result.added++;
        merged.set(item.id, item);
      }
      result.items += incoming.length;
      const items = [...merged.values()].sort(byTimeThenId);
      const content = items.map(formatNewsLine).join('');
      files.push({ path: this.newsPath(symbol), content });
      const imports = previous?.imports ?? [];
      result.symbols.push({
        symbol,
        file: `news/${symbol}.jsonl`,
        items: items.length,
        first: new Date(items[0].time).toISOString(),
        last: new Date(items[items.length - 1].time).toISOString(),
        sources: [...new Set(items.map((i) => i.source ?? 'unknown'))].sort(),
        imports: imports.includes(basename(path)) ? imports : [...imports, basename(path)],
        sha256: contentHash(content),
        importedAt,
      });
    }
    files.push({ path: this.cataloguePath, content: mergeNewsCatalogue(current, result.symbols) });
    writeFilesAtomically(files);
    return result;
  }

  /** The catalogue entries, sorted by symbol. */
  list(): NewsEntry[] {
    return readNewsCatalogue(this.cataloguePath);
  }

  /**
   * A symbol's news with `from <= time <= to` (epoch ms UTC, both optional). Throws when the
   * symbol has no news or its file no longer matches the hash recorded at import.
   */
  load(symbol: string, range: { from?: number; to?: number } = {}): LoadedNews {
    const wanted = normaliseSymbol(symbol);
    const entry = this.list().find((e) => e.symbol === wanted);
    if (entry === undefined) throw new Error(`no news for symbol ${symbol} in ${this.dataDir}; import some with "data import-news <file>"`);
    const all = this.readVerified(entry);
    const from = range.from ?? -Infinity;
    const to = range.to ?? Infinity;
    const items = from === -Infinity && to === Infinity ? all : Object.freeze(all.filter((i) => i.time >= from && i.time <= to));
    return { symbol: entry.symbol, items, sha256: entry.sha256 };
  }

  /** Path of a symbol's canonical news file. */
  newsPath(symbol: string): string {
    return join(this.newsDir, `${symbol}.jsonl`);
  }

  private readVerified(entry: NewsEntry): StoredNewsItem[] {
    const path = join(this.dataDir, entry.file);
    const text = readFileSync(path, 'utf8');
    const sha256 = contentHash(text);
    if (sha256 !== entry.sha256) throw new Error(`${path} changed since it was imported (sha256 ${sha256}, catalogue ${entry.sha256}); import it again`);
    return this.parsed.get(sha256, () =>
      Object.freeze(text.split('\n').filter((line) => line !== '').map((line) => Object.freeze(JSON.parse(line) as StoredNewsItem))) as StoredNewsItem[],
    );
  }
}

/** One canonical JSONL line: keys in a fixed order, optional ones only when present. */
export function formatNewsLine(item: StoredNewsItem): string {
  const { id, time, symbol, headline, body, source, url, labels } = item;
  return `${JSON.stringify({ id, time, symbol, headline, body, source, url, labels })}\n`;
}
