import { readFileSync, statSync } from 'node:fs';
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

/** The last catalogue read per path, with the file identity it was read from. */
const read = new Map<string, { identity: string; entries: readonly DatasetEntry[] }>();

/**
 * Reads the catalogue (empty when the file does not exist); throws on a malformed file. A
 * catalogue is parsed and validated once per version of the file (its inode, size and
 * modification time: imports replace it by renaming a new file into place), not on every run
 * that looks up a symbol.
 */
export function readCatalogue(path: string): DatasetEntry[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  const identity = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  const known = read.get(path);
  if (known?.identity === identity) return [...known.entries];
  const parsed = catalogueSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a valid dataset catalogue: ${parsed.error.message}`);
  read.set(path, { identity, entries: parsed.data.datasets.map((e) => Object.freeze(e)) });
  return parsed.data.datasets;
}

/** The catalogue text with `updates` replacing entries of the same symbol, sorted by symbol. */
export function mergeCatalogue(current: readonly DatasetEntry[], updates: readonly DatasetEntry[]): string {
  const bySymbol = new Map(current.map((entry) => [entry.symbol, entry]));
  for (const entry of updates) bySymbol.set(entry.symbol, entry);
  const datasets = [...bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return JSON.stringify({ version: 1, datasets }, null, 2) + '\n';
}
