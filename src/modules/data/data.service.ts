import { Inject, Injectable } from '@nestjs/common';
import { contentHash } from './content-hash';
import { EPS_FILE, FILING_FILE, NEWS_FILE, readTextFile } from './text-file.reader';
import { parseEarningsCsv } from './fundamentals-csv.parser';
import { parseNewsText } from './news-file.parser';
import { StoredNewsItem } from './news-layout';
import { ParsedNewsCache } from './parsed-news.cache';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type { DatasetEntry } from './dataset-catalogue';
import { DatasetDescription, describeDataset, ResamplePeriod } from './dataset.describer';
import { PriceAdjustment, priceAdjustment } from './price-adjustment.note';
import { DatasetStore, ImportOptions, ImportResult } from './dataset.store';
import { LoadedDataset, PriceFileOptions, readPriceFile, toDatasetOfFile } from './price-file.source';
import { ParsedPriceFileMemo } from './parsed-price-file.memo';
import { takePrefetchedPriceFile } from './price-file.prefetch';
import type { AdjustPolicy, BadRowPolicy } from './price-row';
import { SampleDataResult, setupSampleData } from './sample-data.setup';
import type { EarningsRecord, FilingPassage } from '../../core/market/fundamentals';
import { loadFiling } from './filing.loader';
import type { FundamentalsEntry } from './fundamentals-catalogue';
import { FundamentalsImportOptions, FundamentalsImportResult, FundamentalsStore } from './fundamentals.store';
import type { NewsEntry } from './news-catalogue';
import { SymbolCoverage, symbolCoverage } from './news-fundamentals.coverage';
import { LoadedNews, NewsImportOptions, NewsImportResult, NewsStore } from './news.store';
import { InputFileStore, KeptInput } from './input-file.store';

/** Market data for the CLI, REST and backtests: a thin shell over the dataset store in `config.dataDir`. */
@Injectable()
export class DataService {
  private readonly store: DatasetStore;
  private readonly news: NewsStore;
  private readonly parsedNews = new ParsedNewsCache<{ symbol: string; items: readonly StoredNewsItem[] }>();
  private readonly fundamentals: FundamentalsStore;
  private readonly inputFiles: InputFileStore;
  private readonly parsedPrices = new ParsedPriceFileMemo();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.store = new DatasetStore(config.dataDir);
    this.news = new NewsStore(config.dataDir);
    this.fundamentals = new FundamentalsStore(config.dataDir);
    this.inputFiles = new InputFileStore(config.dataDir);
  }

  /** `data import <file.csv> [--symbol X] [--replace]`: validates and stores one canonical file per symbol. */
  importFile(path: string, options: ImportOptions = {}): ImportResult {
    return this.store.importFile(path, options);
  }

  /** The imported datasets. */
  list(): DatasetEntry[] {
    return this.store.list();
  }

  /** A stored symbol, adjusted by `adjust` (default 'auto'). */
  loadSymbol(symbol: string, options: { adjust?: AdjustPolicy } = {}): LoadedDataset {
    return this.store.loadSymbol(symbol, options);
  }

  /** A price file loaded without importing it (`backtest --data file.csv`). */
  loadFile(path: string, options: PriceFileOptions & { adjust?: AdjustPolicy } = {}): LoadedDataset {
    // Read on a thread while the command started, when it asked for this file (see price-file.prefetch.ts).
    const read = this.parsedPrices.get(path, options, () => takePrefetchedPriceFile(path, options) ?? readPriceFile(path, options));
    return toDatasetOfFile(path, read, options.adjust ?? 'auto');
  }

  /** `data setup`: imports the bundled samples unless datasets exist. */
  setupSampleData(): SampleDataResult {
    return setupSampleData(this.config, this.store);
  }

  /**
   * `data describe <symbol>`: statistics and a resample of a stored symbol, as a run sees it with
   * `adjust` (default 'auto'), with what the adjustment did to the prices and volumes.
   */
  describe(symbol: string, options: { period?: ResamplePeriod; adjust?: AdjustPolicy } = {}): DatasetDescription & { adjustment: PriceAdjustment } {
    const loaded = this.store.loadSymbol(symbol, { adjust: options.adjust });
    return { ...describeDataset(loaded.series, options.period), adjustment: priceAdjustment(loaded) };
  }

  /** `data import-news <file>`: validates a news file and merges its items by id into `news/<SYMBOL>.jsonl`. */
  importNews(path: string, options: NewsImportOptions = {}): NewsImportResult {
    return this.news.importFile(path, options);
  }

  /** Symbols with imported news. */
  listNews(): NewsEntry[] {
    return this.news.list();
  }

  /** A symbol's news with `from <= time <= to` (epoch ms UTC), sorted by time, and the file's SHA-256. */
  loadNews(symbol: string, range: { from?: number; to?: number } = {}): LoadedNews {
    return this.news.load(symbol, range);
  }

  /** `data import-fundamentals <file>`: validates a quarterly EPS file and stores `fundamentals/<SYMBOL>.json`. */
  importFundamentals(path: string, options: FundamentalsImportOptions = {}): FundamentalsImportResult {
    return this.fundamentals.importFile(path, options);
  }

  /** Symbols with imported fundamentals. */
  listFundamentals(): FundamentalsEntry[] {
    return this.fundamentals.list();
  }

  /** A symbol's earnings announcements, ascending by announcement day, each stamped with `publishedAt`, and the stored file's SHA-256. */
  loadEarnings(symbol: string): { records: EarningsRecord[]; sha256: string } {
    const { records, sha256 } = this.fundamentals.load(symbol);
    return { records, sha256 };
  }

  /** Filing passages from a file (format in filing.loader.ts), by publication time. */
  loadFiling(path: string, options: { timeZone?: string } = {}): FilingPassage[] {
    return loadFiling(path, options);
  }

  /** One symbol's news straight from a file (no import), with the file's SHA-256. */
  loadNewsFile(path: string, options: { symbol: string; onBadRow?: BadRowPolicy; timeZone?: string }): LoadedNews {
    const bytes = readTextFile(path, NEWS_FILE);
    const sha256 = contentHash(bytes);
    const key = JSON.stringify([sha256, path, options.symbol, options.onBadRow ?? null, options.timeZone ?? null]);
    const { symbol, items } = this.parsedNews.get(key, () => {
      const parsed = parseNewsText(bytes.toString('utf8'), { file: path, symbol: options.symbol, onBadRow: options.onBadRow, timeZone: options.timeZone });
      const first = [...parsed.symbols.keys()][0];
      return { symbol: first, items: parsed.symbols.get(first) ?? [] };
    });
    return { symbol, items, sha256 };
  }

  /** One symbol's earnings straight from a file (no import), with the file's SHA-256. */
  loadEarningsFile(path: string, options: { symbol: string; onBadRow?: BadRowPolicy }): { records: EarningsRecord[]; sha256: string } {
    const bytes = readTextFile(path, EPS_FILE);
    const parsed = parseEarningsCsv(bytes.toString('utf8'), { file: path, symbol: options.symbol, onBadRow: options.onBadRow });
    const records = parsed.symbols.get(options.symbol.toUpperCase()) ?? [];
    if (records.length === 0) throw new Error(`${path}: no earnings for symbol ${options.symbol}`);
    return { records, sha256: contentHash(bytes) };
  }

  /** SHA-256 of a file's bytes (for manifests of inputs read from files). */
  fileHash(path: string): string {
    return contentHash(readTextFile(path, FILING_FILE));
  }

  /**
   * Keeps a copy of a file a run read (`--data`, `--news` ...) under its SHA-256 in the data
   * directory, so a replay reads it from there (see input-file.store.ts).
   */
  keepInputFile(path: string, sha256: string): KeptInput {
    return this.inputFiles.keep(path, sha256);
  }

  /** The absolute path of a kept input file, from the name its run's manifest recorded. */
  keptInputPath(stored: string): string {
    return this.inputFiles.pathOf(stored);
  }

  /** `data list`: prices, news and fundamentals coverage per symbol. */
  coverage(): SymbolCoverage[] {
    return symbolCoverage(this.store.list(), this.news.list(), this.fundamentals.list());
  }
}
