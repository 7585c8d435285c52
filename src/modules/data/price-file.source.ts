import type { BarSeries } from '../../core/market/bar-series';
import { createHash } from 'node:crypto';
import { adjustedSeries, resolveAdjustPolicy } from './price.adjuster';
import { ParsedPriceCsv, PriceCsvParser } from './price-csv.loader';
import type { PriceColumns } from './price-columns';
import type { AdjustPolicy, BadRowPolicy, DataProblem, PriceLayoutName } from './price-row';
import { symbolFromFileName } from './symbol-name';
import { forEachTextBlock, PRICE_FILE } from './text-file.reader';

/** A price file read from disk: its validated rows and the SHA-256 of its bytes (both from one pass over the file). */
export interface ReadPriceFile {
  parsed: ParsedPriceCsv;
  sha256: string;
}

/** One symbol's data ready for a backtest. */
export interface LoadedDataset {
  symbol: string;
  /** The file the data came from. */
  source: string;
  layout: PriceLayoutName;
  /** Validated raw (unadjusted) rows, ascending, as columns. */
  prices: PriceColumns;
  /** SHA-256 (hex) of the file's content, for run manifests. */
  sha256: string;
  hasAdjClose: boolean;
  hasSplitCoefficient: boolean;
  /** The adjustment applied to `series` ('auto' resolved). */
  adjust: Exclude<AdjustPolicy, 'auto'>;
  series: BarSeries;
  skippedRows: number;
  problems: DataProblem[];
}

/** Options for reading a price file. */
export interface PriceFileOptions {
  /** The symbol of a single-symbol file, or the one to keep from a long file. */
  symbol?: string;
  onBadRow?: BadRowPolicy;
}

/**
 * Reads, hashes and validates a price CSV. A file without a symbol column takes `symbol`, or
 * else the symbol derived from its name (see {@link symbolFromFileName}).
 */
export function readPriceFile(path: string, options: PriceFileOptions = {}): ReadPriceFile {
  let parser: PriceCsvParser | undefined;
  const start = (size: number) =>
    new PriceCsvParser({ file: path, symbol: options.symbol, fallbackSymbol: symbolFromFileName(path) ?? undefined, onBadRow: options.onBadRow }, size);
  const hash = createHash('sha256');
  forEachTextBlock(path, PRICE_FILE, (block, size) => {
    parser ??= start(size);
    hash.update(block);
    parser.pushBytes(block);
  });
  parser ??= start(0);
  return { parsed: parser.end(), sha256: hash.digest('hex') };
}

/**
 * Loads one symbol straight from a price file (no import), adjusted by `adjust` (default
 * 'auto'). A long file holding several symbols needs `symbol`.
 */
export function loadPriceFile(path: string, options: PriceFileOptions & { adjust?: AdjustPolicy } = {}): LoadedDataset {
  return toDatasetOfFile(path, readPriceFile(path, options), options.adjust ?? 'auto');
}

/** The dataset of a price file read with {@link readPriceFile}: a file holding several symbols is refused. */
export function toDatasetOfFile(path: string, { parsed, sha256 }: ReadPriceFile, adjust: AdjustPolicy): LoadedDataset {
  const symbols = [...parsed.symbols.keys()];
  if (symbols.length > 1) {
    const shown = symbols.slice(0, 5).join(', ') + (symbols.length > 5 ? ', ...' : '');
    throw new Error(`${path}: the file holds ${symbols.length} symbols (${shown}); choose one with --symbol`);
  }
  return toLoadedDataset(parsed, symbols[0], sha256, adjust);
}

/** Builds the dataset of one symbol of a parsed file. */
export function toLoadedDataset(parsed: ParsedPriceCsv, symbol: string, sha256: string, adjust: AdjustPolicy): LoadedDataset {
  const prices = parsed.symbols.get(symbol);
  if (prices === undefined) throw new Error(`${parsed.file}: no rows for symbol ${symbol}`);
  const columns = { hasAdjClose: parsed.hasAdjClose, hasSplitCoefficient: parsed.hasSplitCoefficient };
  return {
    symbol,
    source: parsed.file,
    layout: parsed.layout,
    prices,
    sha256,
    ...columns,
    adjust: resolveAdjustPolicy(adjust, columns),
    series: adjustedSeries(symbol, prices, adjust, columns, `${parsed.file} (${symbol})`),
    skippedRows: parsed.skippedRows,
    problems: parsed.problems,
  };
}
