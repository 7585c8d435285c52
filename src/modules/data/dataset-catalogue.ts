import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const datasetEntrySchema = z.object({
  symbol: z.string(),
  /** Path of the canonical file, relative to the data directory. */
  file: z.string(),
  /** File name of the imported source. */
  source: z.string(),
  layout: z.enum(['yahoo', 'alphavantage', 'generic', 'long']),
  rows: z.number().int().nonnegative(),
  firstDate: z.string(),
  lastDate: z.string(),
  hasAdjClose: z.boolean(),
  hasSplitCoefficient: z.boolean(),
  /** SHA-256 (hex) of the canonical file's content. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  licence: z.string(),
  importedAt: z.string(),
});

const catalogueSchema = z.object({ version: z.literal(1), datasets: z.array(datasetEntrySchema) });

/** One imported dataset as listed in `<dataDir>/datasets.json`. */
export type DatasetEntry = z.infer<typeof datasetEntrySchema>;

/** Reads the catalogue (empty when the file does not exist); throws on a malformed file. */
export function readCatalogue(path: string): DatasetEntry[] {
  if (!existsSync(path)) return [];
  const parsed = catalogueSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a valid dataset catalogue: ${parsed.error.message}`);
  return parsed.data.datasets;
}

/** The catalogue text with `updates` replacing entries of the same symbol, sorted by symbol. */
export function mergeCatalogue(current: readonly DatasetEntry[], updates: readonly DatasetEntry[]): string {
  const bySymbol = new Map(current.map((entry) => [entry.symbol, entry]));
  for (const entry of updates) bySymbol.set(entry.symbol, entry);
  const datasets = [...bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return JSON.stringify({ version: 1, datasets }, null, 2) + '\n';
}
