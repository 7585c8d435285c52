import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const fundamentalsEntrySchema = z.object({
  symbol: z.string(),
  /** Path of the canonical JSON file, relative to the data directory. */
  file: z.string(),
  /** Earnings announcements stored. */
  quarters: z.number().int().nonnegative(),
  /** Fiscal quarters (`YYYY-MM`) of the first and last announcement. */
  firstQuarter: z.string(),
  lastQuarter: z.string(),
  /** Days (`YYYY-MM-DD`) of the first and last announcement. */
  firstAnnounced: z.string(),
  lastAnnounced: z.string(),
  /** Announcements whose quarter was inferred from the day (the file named no month). */
  inferredQuarters: z.number().int().nonnegative(),
  /** File names imported into this symbol, in first-import order. */
  imports: z.array(z.string()),
  /** SHA-256 (hex) of the canonical file's content. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  importedAt: z.string(),
});

const fundamentalsCatalogueSchema = z.object({ version: z.literal(1), symbols: z.array(fundamentalsEntrySchema) });

/** One symbol's fundamentals as listed in `<dataDir>/fundamentals.json`. */
export type FundamentalsEntry = z.infer<typeof fundamentalsEntrySchema>;

/** Reads the fundamentals catalogue (empty when the file does not exist); throws on a malformed file. */
export function readFundamentalsCatalogue(path: string): FundamentalsEntry[] {
  if (!existsSync(path)) return [];
  const parsed = fundamentalsCatalogueSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a valid fundamentals catalogue: ${parsed.error.message}`);
  return parsed.data.symbols;
}

/** The catalogue text with `updates` replacing entries of the same symbol, sorted by symbol. */
export function mergeFundamentalsCatalogue(current: readonly FundamentalsEntry[], updates: readonly FundamentalsEntry[]): string {
  const bySymbol = new Map(current.map((entry) => [entry.symbol, entry]));
  for (const entry of updates) bySymbol.set(entry.symbol, entry);
  const symbols = [...bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  return JSON.stringify({ version: 1, symbols }, null, 2) + '\n';
}
