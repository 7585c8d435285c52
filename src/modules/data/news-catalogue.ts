import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const newsEntrySchema = z.object({
  symbol: z.string(),
  /** Path of the canonical JSONL file, relative to the data directory. */
  file: z.string(),
  items: z.number().int().nonnegative(),
  /** Publication instants of the first and last item, ISO-8601 UTC. */
  first: z.string(),
  last: z.string(),
  /** Distinct `source` values of the items (e.g. twitter, stocktwits). */
  sources: z.array(z.string()),
  /** File names imported into this symbol, in first-import order. */
  imports: z.array(z.string()),
  /** SHA-256 (hex) of the canonical file's content. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  importedAt: z.string(),
});

const newsCatalogueSchema = z.object({ version: z.literal(1), symbols: z.array(newsEntrySchema) });

/** One symbol's news as listed in `<dataDir>/news.json`. */
export type NewsEntry = z.infer<typeof newsEntrySchema>;

/** Reads the news catalogue (empty when the file does not exist); throws on a malformed file. */
export function readNewsCatalogue(path: string): NewsEntry[] {
  if (!existsSync(path)) return [];
  const parsed = newsCatalogueSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a valid news catalogue: ${parsed.error.message}`);
  return parsed.data.symbols;
}

/** The catalogue text with `updates` replacing entries of the same symbol, sorted by symbol. */
export function mergeNewsCatalogue(current: readonly NewsEntry[], updates: readonly NewsEntry[]): string {
  const bySymbol = new Map(current.map((entry) => [entry.symbol, entry]));
  for (const entry of updates) bySymbol.set(entry.symbol, entry);
  const symbols = [...bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return JSON.stringify({ version: 1, symbols }, null, 2) + '\n';
}
