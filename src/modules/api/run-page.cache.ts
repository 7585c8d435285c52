import { PreparedBody } from './run-read.cache';

/** Pages kept for one state of the database (one per query a client polls with). */
export const DEFAULT_CACHED_PAGES = 64;

/**
 * Prepared answers of `GET /backtests` for one state of the database. A listing is polled (a
 * dashboard, a script waiting for its runs) far more often than runs change, and while nothing
 * is written its answer cannot change, so it is served from the bytes made the first time.
 *
 * The state is the store's data version (RunsRepository.dataVersion): any commit, by this
 * process or another one sharing the file, moves it, and the first listing that sees a new
 * version empties the cache. A page that shows a running run is never kept, since its progress
 * lives in memory and moves without a commit. Without a data version (Postgres, an in-memory
 * database) nothing is kept and every listing reads the database.
 */
export class RunPageCache {
  private version: number | null = null;
  private readonly pages = new Map<string, PreparedBody>();

  constructor(private readonly maxPages = DEFAULT_CACHED_PAGES) {}

  /** The page kept for `key` at data version `version`, if any. */
  get(version: number | null, key: string): PreparedBody | undefined {
    if (version === null || version !== this.version) return undefined;
    return this.pages.get(key);
  }

  /** Keeps `page` for `key`, read at data version `version` (read before the page itself). */
  set(version: number | null, key: string, page: PreparedBody): void {
    if (version === null) return;
    if (version !== this.version) {
      this.pages.clear();
      this.version = version;
    }
    this.pages.delete(key);
    this.pages.set(key, page);
    // Oldest first in a Map: beyond the limit, the page made longest ago goes.
    if (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
  }

  get size(): number {
    return this.pages.size;
  }
}
